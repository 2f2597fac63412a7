//! Files from the file picker or a drop, read as bytes (decoding is `crate::load`'s job).

use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::{File, HtmlInputElement};
use yew::{Callback, DragEvent, Event, TargetCast};

/// A file the person chose; opaque outside this module.
pub struct PickedFile(File);

impl PickedFile {
    pub fn name(&self) -> String {
        self.0.name()
    }

    /// Size in bytes, as the browser reports it.
    pub fn size(&self) -> f64 {
        self.0.size()
    }
}

/// The file chosen in an `<input type=file>`. The input is reset so that choosing the same
/// file again (after editing it elsewhere) loads it again.
pub fn picked_file(event: &Event) -> Option<PickedFile> {
    let input: HtmlInputElement = event.target_unchecked_into();
    let file = input.files()?.get(0);
    input.set_value("");
    file.map(PickedFile)
}

/// Whether a drag carries files (rather than text being dragged onto the text box).
pub fn dragged_files(event: &DragEvent) -> bool {
    event
        .data_transfer()
        .is_some_and(|data| data.types().includes(&"Files".into(), 0))
}

/// The first file of a drop, if the drop carries files.
pub fn dropped_file(event: &DragEvent) -> Option<PickedFile> {
    event.data_transfer()?.files()?.get(0).map(PickedFile)
}

/// Reads the whole file, then calls `done` with its bytes or a message saying what failed.
pub fn read_bytes(file: PickedFile, done: Callback<Result<Vec<u8>, String>>) {
    let name = file.name();
    let promise = file.0.array_buffer();
    yew::platform::spawn_local(async move {
        let result = match JsFuture::from(promise).await {
            Ok(buffer) => Ok(Uint8Array::new(&buffer).to_vec()),
            Err(_) => Err(format!(
                "Could not read {name}. If it is on a network drive or in a cloud folder, save \
                 a local copy and try again."
            )),
        };
        done.emit(result);
    });
}
