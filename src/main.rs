//! Hopscope, the web page: paste the headers of an email and see, hop by hop, whether it
//! travelled encrypted. The app lives in the library (`src/lib.rs`); this binary starts it and
//! exports the JavaScript API.

mod api;

fn main() {
    hopscope_app::start();
}
