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

/// One hop of a report, cheap to pass as a prop: equality is "same report, same hop", so a
/// card re-renders when a new report arrives and never compares the reports' contents.
#[derive(Clone)]
pub struct HopRef {
    pub report: Rc<Report>,
    pub position: usize,
}

impl HopRef {
    pub fn hop(&self) -> &Hop {
        &self.report.hops[self.position]
    }
}

impl PartialEq for HopRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.report, &other.report) && self.position == other.position
    }
}
