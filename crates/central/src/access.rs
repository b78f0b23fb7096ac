//! Who a bearer token speaks for, and what each role may do.

use sha2::{Digest, Sha256};

/// The role a token was created with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A lobby kiosk of one office.
    Kiosk {
        /// Its office.
        office: String,
    },
    /// Staff at one office, optionally tied to a counter.
    Staff {
        /// Their office.
        office: String,
        /// Their counter, when the token is for one.
        counter: Option<String>,
    },
    /// IT staff: everything.
    Admin,
}

impl Role {
    /// Name of the role as the CLI and the store write it.
    pub fn name(&self) -> &'static str {
        match self {
            Role::Kiosk { .. } => "kiosk",
            Role::Staff { .. } => "staff",
            Role::Admin => "admin",
        }
    }

    /// May read the office's catalogue, queues, slots.
    pub fn may_read_office(&self, office: &str) -> bool {
        match self {
            Role::Kiosk { office: own } | Role::Staff { office: own, .. } => own == office,
            Role::Admin => true,
        }
    }

    /// May issue tickets, book and check in at the office.
    pub fn may_serve_visitors(&self, office: &str) -> bool {
        match self {
            Role::Kiosk { office: own } => own == office,
            Role::Staff { .. } => false,
            Role::Admin => true,
        }
    }

    /// May issue tickets, book and check in at some office: everyone but staff.
    pub fn serves_visitors(&self) -> bool {
        !matches!(self, Role::Staff { .. })
    }

    /// May look up the office's bookings of the day by a visitor's name: its
    /// kiosks, its staff and admins.
    pub fn may_find_bookings(&self, office: &str) -> bool {
        match self {
            Role::Kiosk { office: own } | Role::Staff { office: own, .. } => own == office,
            Role::Admin => true,
        }
    }

    /// May change the office's opening hours and closed days.
    pub fn may_configure_office(&self) -> bool {
        matches!(self, Role::Admin)
    }

    /// May see the office's ticket list.
    pub fn may_list_tickets(&self, office: &str) -> bool {
        match self {
            Role::Staff { office: own, .. } => own == office,
            Role::Kiosk { .. } => false,
            Role::Admin => true,
        }
    }

    /// May keep profiles and see and manage the fleet of kiosks: IT staff only.
    pub fn may_manage_fleet(&self) -> bool {
        matches!(self, Role::Admin)
    }

    /// Is a kiosk, which registers and sends heartbeats.
    pub fn is_kiosk(&self) -> bool {
        matches!(self, Role::Kiosk { .. })
    }

    /// May work the given counter of the given office.
    pub fn may_work_counter(&self, office: &str, counter: &str) -> bool {
        match self {
            Role::Staff {
                office: own,
                counter: None,
            } => own == office,
            Role::Staff {
                office: own,
                counter: Some(own_counter),
            } => own == office && own_counter == counter,
            Role::Kiosk { .. } => false,
            Role::Admin => true,
        }
    }
}

/// Tokens are stored as their SHA-256, so a copy of the database grants nothing.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new secret token for a role: its prefix says the role, the rest is 192 random bits.
pub fn new_token(role: &Role) -> String {
    let secret: [u8; 24] = rand::random();
    format!("{}_{}", role.name(), hex::encode(secret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_is_confined_to_its_office() {
        let kiosk = Role::Kiosk { office: "a".into() };
        assert!(kiosk.may_read_office("a"));
        assert!(kiosk.may_serve_visitors("a"));
        assert!(!kiosk.may_read_office("b"));
        assert!(!kiosk.may_serve_visitors("b"));
        assert!(!kiosk.may_list_tickets("a"));
        assert!(!kiosk.may_work_counter("a", "a-1"));
        assert!(kiosk.may_find_bookings("a"));
        assert!(!kiosk.may_find_bookings("b"));
        assert!(!kiosk.may_configure_office());
    }

    #[test]
    fn counter_staff_work_only_their_counter() {
        let staff = Role::Staff {
            office: "a".into(),
            counter: Some("a-1".into()),
        };
        assert!(staff.may_work_counter("a", "a-1"));
        assert!(!staff.may_work_counter("a", "a-2"));
        assert!(staff.may_list_tickets("a"));
        assert!(!staff.may_serve_visitors("a"));
        assert!(staff.may_find_bookings("a"));
        assert!(!staff.may_find_bookings("b"));
        assert!(!staff.may_configure_office());
        assert!(Role::Admin.may_configure_office());
    }

    #[test]
    fn only_admins_manage_the_fleet_and_only_kiosks_report() {
        let kiosk = Role::Kiosk { office: "a".into() };
        let staff = Role::Staff {
            office: "a".into(),
            counter: None,
        };
        assert!(Role::Admin.may_manage_fleet());
        assert!(!kiosk.may_manage_fleet() && !staff.may_manage_fleet());
        assert!(kiosk.is_kiosk());
        assert!(!Role::Admin.is_kiosk() && !staff.is_kiosk());
    }

    #[test]
    fn hashes_are_stable_and_tokens_distinct() {
        // SHA-256 of "x", as `printf x | sha256sum` gives it: the stored form must not
        // change, or every token already handed out stops working.
        assert_eq!(
            token_hash("x"),
            "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
        );
        let t1 = new_token(&Role::Admin);
        let secret = t1.strip_prefix("admin_").expect("the role as prefix");
        assert_eq!(secret.len(), 48, "192 bits in hex: {t1}");
        assert!(secret.chars().all(|c| c.is_ascii_hexdigit()), "{t1}");
        assert_ne!(t1, new_token(&Role::Admin));
        assert!(new_token(&Role::Kiosk { office: "a".into() }).starts_with("kiosk_"));
    }
}
