//! The one terminal guard: raw mode, alternate screen and bracketed paste on enter;
//! `restore` undoes all of it, from `Drop`, from a chained panic hook, on any exit.

use std::io::{Write, stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
/// The input reader leaves the terminal alone while another program has it.
pub static PAUSED: AtomicBool = AtomicBool::new(false);

pub struct TerminalGuard;

impl TerminalGuard {
    pub fn enter(mouse: bool) -> std::io::Result<TerminalGuard> {
        install_panic_hook();
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        MOUSE.store(mouse, Ordering::SeqCst);
        let mut out = stdout();
        execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            cursor::Hide
        )?;
        if mouse {
            execute!(out, EnableMouseCapture)?;
        }
        Ok(TerminalGuard)
    }
}

/// Lends the terminal to another program (an external editor): the screen and modes are put
/// back as they were, input is left to it, and everything is taken back after `f`. Outside
/// a set-up terminal (tests) it only runs `f`.
pub fn lend<R>(f: impl FnOnce() -> R) -> R {
    let active = ACTIVE.load(Ordering::SeqCst);
    PAUSED.store(true, Ordering::SeqCst);
    // The reader polls every 50 ms: let it see the pause before the editor reads input.
    std::thread::sleep(std::time::Duration::from_millis(60));
    if active {
        restore();
    }
    let result = f();
    if active {
        let mouse = MOUSE.load(Ordering::SeqCst);
        let _ = TerminalGuard::enter(mouse).map(std::mem::forget);
    }
    PAUSED.store(false, Ordering::SeqCst);
    result
}

/// Puts the terminal back as it was. Safe to call more than once.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
