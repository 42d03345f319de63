//! The menu as a ballot needs it — its items, their scopes (targets and cost plans parsed) and
//! the candidates' keys — kept in memory per consultation once voting has opened, so a ballot
//! reads it without a query.
//!
//! A cached menu is valid exactly while the consultation's stored `menu_hash` (fixed at
//! opening, and the menu cannot change after announcement) is the one it was loaded under; a
//! menu is cached only after its items were checked to hash to that value. So another instance
//! that opened the consultation, or a database restored to another state, is never answered
//! from a stale copy: what is validated is the stored version, not the time it was read.
//! The items' review fields (`decision` and the like) change after closing and are not used
//! by ballots, which are cast only while voting is open.

use crate::ballots::voting::{candidate_keys, scopes, ItemScope};
use crate::consultations::lifecycle::menu_hash;
use crate::Error;
use diandan_store::consultations::{self, ConsultationRow, ItemRow};
use diandan_store::AnyConnection;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

pub struct Menu {
    pub items: Vec<ItemRow>,
    pub scopes: Vec<ItemScope>,
    pub ids: HashSet<String>,
    pub candidates: HashMap<String, HashSet<String>>,
}

impl Menu {
    fn of(items: Vec<ItemRow>) -> Menu {
        Menu {
            scopes: scopes(&items),
            ids: items.iter().map(|i| i.id.clone()).collect(),
            candidates: candidate_keys(&items),
            items,
        }
    }
}

/// Menus by consultation id, each with the `menu_hash` it was verified against. Bounded: past
/// the limit it starts afresh (a district has a few dozen consultations open at once).
#[derive(Default)]
pub struct MenuCache(Mutex<HashMap<String, (String, Arc<Menu>)>>);

const LIMIT: usize = 1024;

impl MenuCache {
    /// The menu of `cons`, from memory when its stored hash is the cached one.
    pub fn get(&self, c: &mut AnyConnection, cons: &ConsultationRow) -> Result<Arc<Menu>, Error> {
        let Some(hash) = cons.menu_hash.as_deref() else {
            // Not frozen yet (no ballot is accepted then): read it, keep nothing.
            return Ok(Arc::new(Menu::of(consultations::items(c, &cons.id)?)));
        };
        if let Some((h, m)) = self.0.lock().map_err(Error::internal)?.get(&cons.id) {
            if h == hash {
                return Ok(m.clone());
            }
        }
        let items = consultations::items(c, &cons.id)?;
        let menu = Arc::new(Menu::of(items));
        if menu_hash(&menu.items) == hash {
            let mut map = self.0.lock().map_err(Error::internal)?;
            if map.len() >= LIMIT {
                map.clear();
            }
            map.insert(cons.id.clone(), (hash.to_owned(), menu.clone()));
        }
        Ok(menu)
    }
}
