//! The local endpoint's request handling on arbitrary requests: a 4xx, never a 5xx or a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    connect_views::fuzzing::endpoint_request(data);
});
