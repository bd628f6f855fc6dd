//! One file per claim kind: the rule it reports and the check that reads the claims.

pub(crate) mod badge;
pub(crate) mod channel;
pub(crate) mod community;
pub(crate) mod contact;
pub(crate) mod language;
pub(crate) mod license;
pub(crate) mod link;
pub(crate) mod omission;
pub(crate) mod policy;
pub(crate) mod practice;
pub(crate) mod response_time;
pub(crate) mod review;
pub(crate) mod tool;

pub use badge::BADGE_ID_MISMATCH;
pub use channel::CHANNEL_NOT_REFERENCED;
pub use community::COMMUNITY_NOT_MENTIONED;
pub use contact::CONTACT_NOT_FOUND;
pub use language::LANGUAGE_NOT_FOUND;
pub use license::LICENSE_MISMATCH;
pub use link::LINK_TARGET_MISSING;
pub use omission::PRACTICE_OMITTED;
pub use policy::POLICY_NOT_FOUND;
pub use practice::PRACTICE_CONTRADICTED;
pub use response_time::RESPONSE_TIME_NOT_FOUND;
pub use review::REVIEW_RULE_NOT_FOUND;
pub use tool::{ABSENCE_CONTRADICTED, TOOL_NOT_FOUND};
