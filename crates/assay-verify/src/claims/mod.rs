//! One file per claim kind: the rule it reports and the check that reads the claims.

pub(crate) mod channel;
pub(crate) mod contact;
pub(crate) mod language;
pub(crate) mod link;
pub(crate) mod omission;
pub(crate) mod practice;
pub(crate) mod response_time;
pub(crate) mod tool;

pub use channel::CHANNEL_NOT_REFERENCED;
pub use contact::CONTACT_NOT_FOUND;
pub use language::LANGUAGE_NOT_FOUND;
pub use link::LINK_TARGET_MISSING;
pub use omission::PRACTICE_OMITTED;
pub use practice::PRACTICE_CONTRADICTED;
pub use response_time::RESPONSE_TIME_NOT_FOUND;
pub use tool::{ABSENCE_CONTRADICTED, TOOL_NOT_FOUND};
