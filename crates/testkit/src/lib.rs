//! Test support: fresh databases on both backends, a running diandan server on a loopback
//! port, a stub of the WeChat API, and a small HTTP client. A dev-dependency only.

pub mod app;
pub mod client;
pub mod db;
pub mod photos;
pub mod wechat_stub;

pub use app::{TestApp, TestAppBuilder};
pub use client::Resp;
pub use db::{Backend, TestDb};

/// The bootstrap admin's password in every test app.
pub const ADMIN_PASSWORD: &str = "test-admin-password";

/// Generates `mod sqlite` and `mod postgres`, each with one `#[test]` per named function; the
/// function receives the backend to run on.
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name($crate::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() { super::$name($crate::Backend::Postgres) } )*
        }
    };
}
