//! One file per component. Children get data and callbacks, never the whole state.

pub mod auth_panel;
pub mod badges;
pub mod evidence;
pub mod examples_menu;
pub mod explainer;
pub mod header_sources;
pub mod hop_card;
pub mod hop_links;
pub mod hop_table;
pub mod icons;
pub mod input_panel;
pub mod msg_messages;
pub mod parts;
pub mod policy_panel;
pub mod report_actions;
pub mod route;
pub mod share_panel;
pub mod shared_banner;
pub mod summary_banner;
pub mod warnings;

use std::rc::Rc;

use hopscope_core::{Hop, Report};

/// A report passed as a prop: equal to another only when it is the same report (the same
/// `Rc`), never by comparing contents. A new analysis is a new report; comparing two 28,000-hop
/// reports field by field would cost more than drawing them (and the page's wasm a kilobyte).
#[derive(Clone, Debug)]
pub struct ReportRef(pub Rc<Report<'static>>);

impl PartialEq for ReportRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for ReportRef {
    type Target = Report<'static>;

    fn deref(&self) -> &Report<'static> {
        &self.0
    }
}

impl From<Rc<Report<'static>>> for ReportRef {
    fn from(report: Rc<Report<'static>>) -> Self {
        ReportRef(report)
    }
}

/// One hop of a report, cheap to pass as a prop: equality is "same report, same hop", so a
/// card re-renders when a new report arrives and never compares the reports' contents.
#[derive(Clone)]
pub struct HopRef {
    pub report: Rc<Report<'static>>,
    pub position: usize,
}

impl HopRef {
    pub fn hop(&self) -> &Hop<'static> {
        &self.report.hops[self.position]
    }
}

impl PartialEq for HopRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.report, &other.report) && self.position == other.position
    }
}
