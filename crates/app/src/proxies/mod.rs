//! 委托投票: an owner authorises one person to vote for them in one consultation. The owner
//! enters it in the mini-program with photos of the signed form, or a committee member enters
//! the paper form brought to the office; a committee member other than whoever entered it
//! confirms it; the proxy then casts for the owner (`ballots::cast` with `proxy_id`), and the
//! ballot, the bulletin, the turnout and the voters list show the channel `proxy`.

pub mod authorise;
pub mod authority;
pub mod decide;
pub mod list;
pub mod revoke;
pub mod views;

use crate::{Code, Error};
use diandan_domain::proxy::Refusal;

/// The problem a refused step answers.
pub fn refusal(r: Refusal, step: &str) -> Error {
    match r {
        Refusal::Closed => {
            Error::new(Code::ProxiesClosed, "proxy authorisations are taken from the announcement until voting closes")
        }
        Refusal::LimitReached(n) => Error::new(
            Code::ProxyLimitReached,
            format!("this proxy already holds {n} owners' votes in this consultation, the most allowed"),
        ),
        Refusal::WrongStatus(s) => {
            let code = match step {
                "decide" => Code::ProxyNotPending,
                "cast" => Code::ProxyNotConfirmed,
                _ => Code::ProxyNotStanding,
            };
            Error::new(code, format!("the authorisation is {}", s.as_str()))
        }
        Refusal::ProxyHasVoted => Error::new(
            Code::ProxyHasVoted,
            "the proxy has voted under this authorisation; vote yourself to supersede that ballot",
        ),
        Refusal::OwnerVotedInPerson => {
            Error::new(Code::OwnerVotedInPerson, "the owner has voted themselves; their own ballot stands")
        }
    }
}
