//! The picture files: each named by the SHA-256 of its bytes under `<dir>/<first two hex>/`,
//! written to a temporary name and renamed, so a reader never sees half a file and the same
//! picture sent twice is stored once.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;

pub struct Files {
    dir: PathBuf,
}

impl Files {
    pub fn new(dir: PathBuf) -> Files {
        Files { dir }
    }

    fn path(&self, sha256: &str) -> PathBuf {
        self.dir.join(&sha256[..2]).join(sha256)
    }

    /// Stores `bytes`; answers their hash (the file's name).
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha256 = hex::encode(Sha256::digest(bytes));
        self.ensure(&sha256, bytes)?;
        Ok(sha256)
    }

    /// Writes `bytes`, whose hash is `sha256`, unless the file is there already.
    pub fn ensure(&self, sha256: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.path(sha256);
        if path.exists() {
            return Ok(());
        }
        let dir = path.parent().expect("a hash directory");
        std::fs::create_dir_all(dir)?;
        let tmp = dir.join(format!(".{sha256}.{}", unique()));
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    }

    pub fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a hash"));
        }
        std::fs::read(self.path(sha256))
    }

    /// Removes the file `sha256` (no error when it is already gone).
    pub fn remove(&self, sha256: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.path(sha256)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// A name part no two writers share (process id and a counter).
fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_bytes_are_one_file() {
        let dir = std::env::temp_dir().join(format!("diandan-files-{}", unique()));
        let files = Files::new(dir.clone());
        let a = files.put(b"picture").unwrap();
        assert_eq!(a, "2cea274d0bedc39ec4ab6ba9e59ec889e3ed6fb56a1cf088a64d9b383378dc97");
        assert_eq!(files.put(b"picture").unwrap(), a);
        assert_eq!(files.read(&a).unwrap(), b"picture");
        assert_eq!(std::fs::read_dir(dir.join(&a[..2])).unwrap().count(), 1);
        files.remove(&a).unwrap();
        files.remove(&a).unwrap();
        assert!(files.read(&a).is_err());
        assert!(files.read("../../etc/passwd").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
