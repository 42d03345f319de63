//! Photos residents attach to work orders and objections: received (checked by content,
//! decoded, re-encoded without EXIF, thumbnailed), kept as files named by hash, attached by id,
//! and shown through signed addresses to whoever may see what they are attached to.

pub mod attach;
pub mod content;
pub mod files;
pub mod media_check;
pub mod picture;
pub mod receive;
pub mod signing;
pub mod sweep;
pub mod views;

use files::Files;
use signing::Signer;

/// Where photos live and how their addresses are signed.
pub struct Photos {
    pub files: Files,
    pub signer: Signer,
}

impl Photos {
    /// Photos under `dir`, their addresses signed with a key derived from `secret`.
    pub fn new(dir: std::path::PathBuf, secret: &[u8]) -> Photos {
        Photos { files: Files::new(dir), signer: Signer::new(secret) }
    }
}
