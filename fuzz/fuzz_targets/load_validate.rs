//! The view-file loader and the validator on arbitrary text: diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    connect_views::fuzzing::load_and_validate(data);
});
