//! Files from the file picker or a drop. They are read by the engine (`engine::open_file`), in
//! a worker, never here.

use web_sys::{File, HtmlInputElement};
use yew::{DragEvent, Event, TargetCast};

/// A file the person chose; opaque outside this module.
pub struct PickedFile(pub(super) File);

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
