//! Fault injection for tests and demos: throttling, 500s, added latency, hangs, and
//! "commit then drop the connection". Set with `serve --faults SPEC` or from code.
//!
//! SPEC is a comma-separated list: `throttle=0.3` (a rate from 0 to 1) or `throttle=2x`
//! (the next two requests), likewise `error`, `hang` and `drop`; `latency=200ms`;
//! `seed=7` makes the rates repeatable. `refuse=1x` refuses the next content write
//! (CreateView, UpdateViewContent) with a validation error that names a JSON path of the
//! template, as the service's validator does; `refuse_path=/Body/0/Props/Label` chooses
//! the path (default `/Body/0/Type`). `deny=SearchContactFlowModules` answers that
//! operation AccessDeniedException, as for a caller whose policy lacks it (repeatable).

use std::sync::Mutex;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429 TooManyRequestsException (ThrottlingException on the tagging operations).
    Throttle,
    /// 500 InternalServiceException.
    Error,
    /// Never answer.
    Hang,
    /// Carry out the request, commit it, then drop the connection without an answer.
    Drop,
    /// Refuse a content write with a validation error naming a path (content writes only).
    Refuse,
}

/// The path a `Refuse` fault names when the spec does not choose one.
pub const REFUSE_PATH: &str = "/Body/0/Type";

#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    Rate(f64),
    Next(usize),
}

#[derive(Debug, Default)]
struct Inner {
    rules: Vec<(Fault, When)>,
    latency: Duration,
    rng: u64,
    refuse_path: Option<String>,
    /// Operations answered AccessDeniedException, as for a caller whose policy lacks them.
    denied: Vec<String>,
}

/// The faults in force; cheap to check on every request.
#[derive(Debug, Default)]
pub struct Faults {
    inner: Mutex<Inner>,
}

impl Faults {
    pub fn parse(spec: &str) -> Result<Faults, String> {
        let faults = Faults::default();
        faults.set(spec)?;
        Ok(faults)
    }

    /// Replaces the faults with those of `spec` (empty: none).
    pub fn set(&self, spec: &str) -> Result<(), String> {
        let mut inner = Inner {
            rng: 0x9e37_79b9_7f4a_7c15,
            ..Default::default()
        };
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("fault \"{part}\" is not key=value"))?;
            let fault = match key {
                "throttle" => Fault::Throttle,
                "error" => Fault::Error,
                "hang" => Fault::Hang,
                "drop" => Fault::Drop,
                "refuse" => Fault::Refuse,
                "refuse_path" => {
                    if !value.starts_with('/') {
                        return Err(format!(
                            "refuse_path \"{value}\" is not a JSON pointer such as /Body/0/Type"
                        ));
                    }
                    inner.refuse_path = Some(value.to_string());
                    continue;
                }
                "latency" => {
                    inner.latency = parse_duration(value)?;
                    continue;
                }
                "deny" => {
                    inner.denied.push(value.to_string());
                    continue;
                }
                "seed" => {
                    inner.rng = value
                        .parse::<u64>()
                        .map_err(|_| format!("seed \"{value}\" is not a whole number"))?
                        | 1;
                    continue;
                }
                other => {
                    return Err(format!(
                        "unknown fault \"{other}\": use throttle, error, hang, drop, refuse, \
                         refuse_path, deny, latency or seed"
                    ));
                }
            };
            let when = if let Some(n) = value.strip_suffix('x') {
                When::Next(
                    n.parse()
                        .map_err(|_| format!("\"{value}\" is not a count such as 3x"))?,
                )
            } else {
                let rate: f64 = value.parse().map_err(|_| {
                    format!("\"{value}\" is not a rate from 0 to 1 or a count such as 3x")
                })?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(format!("rate {rate} is not between 0 and 1"));
                }
                When::Rate(rate)
            };
            inner.rules.push((fault, when));
        }
        *self.inner.lock().unwrap_or_else(|e| e.into_inner()) = inner;
        Ok(())
    }

    /// Whether the operation is denied (`deny=SearchContactFlows`).
    pub fn denied(&self, operation: &str) -> bool {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.denied.iter().any(|d| d == operation)
    }

    /// The path a `Refuse` fault names.
    pub fn refuse_path(&self) -> String {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner
            .refuse_path
            .clone()
            .unwrap_or_else(|| REFUSE_PATH.to_string())
    }

    /// The latency to add and the fault (if any) for the next request. A `Refuse` rule
    /// applies (and counts) only when the request writes content.
    pub fn next(&self, writes_content: bool) -> (Duration, Option<Fault>) {
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let latency = inner.latency;
        for i in 0..inner.rules.len() {
            let (fault, when) = inner.rules[i];
            if fault == Fault::Refuse && !writes_content {
                continue;
            }
            let hit = match when {
                When::Next(0) => false,
                When::Next(n) => {
                    inner.rules[i].1 = When::Next(n - 1);
                    true
                }
                When::Rate(rate) => {
                    // xorshift64*
                    let mut x = inner.rng;
                    x ^= x >> 12;
                    x ^= x << 25;
                    x ^= x >> 27;
                    inner.rng = x;
                    let r =
                        (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64;
                    r < rate
                }
            };
            if hit {
                return (latency, Some(fault));
            }
        }
        (latency, None)
    }
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    let (n, unit) = s
        .find(|c: char| !c.is_ascii_digit())
        .map(|i| s.split_at(i))
        .unwrap_or((s, "ms"));
    let n: u64 = n
        .parse()
        .map_err(|_| format!("\"{s}\" is not a duration such as 200ms"))?;
    match unit {
        "ms" => Ok(Duration::from_millis(n)),
        "s" => Ok(Duration::from_secs(n)),
        _ => Err(format!("\"{s}\" is not a duration such as 200ms or 2s")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_rates() {
        let f = Faults::parse("throttle=2x,latency=5ms").unwrap();
        assert_eq!(
            f.next(false),
            (Duration::from_millis(5), Some(Fault::Throttle))
        );
        assert_eq!(f.next(false).1, Some(Fault::Throttle));
        assert_eq!(f.next(false).1, None);
        let f = Faults::parse("error=1").unwrap();
        assert_eq!(f.next(false).1, Some(Fault::Error));
        let f = Faults::parse("drop=0,seed=3").unwrap();
        assert_eq!(f.next(false).1, None);
        let f = Faults::parse("error=0.5,seed=9").unwrap();
        let hits = (0..1000).filter(|_| f.next(false).1.is_some()).count();
        assert!((400..600).contains(&hits), "{hits}");
        assert!(Faults::parse("explode=1").is_err());
        assert!(Faults::parse("throttle=2").is_err());
    }

    #[test]
    fn refusals_wait_for_a_content_write() {
        let f = Faults::parse("refuse=1x").unwrap();
        assert_eq!(
            f.next(false).1,
            None,
            "a read is not refused and does not count"
        );
        assert_eq!(f.next(true).1, Some(Fault::Refuse));
        assert_eq!(f.next(true).1, None);
        assert_eq!(f.refuse_path(), REFUSE_PATH);
        let f = Faults::parse("refuse=1,refuse_path=/Body/1/Props/Label").unwrap();
        assert_eq!(f.refuse_path(), "/Body/1/Props/Label");
        assert!(Faults::parse("refuse_path=Body").is_err());
    }
}
