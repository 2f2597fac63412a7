//! Renderings of a report: Markdown (tickets) and plain text (terminals).
