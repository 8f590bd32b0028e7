//! A view's status and its qualifiers, one type each for every layer: `Status` is what a
//! content write is stored as (and which of the service's validations it gets: basic for
//! SAVED, full for PUBLISHED); `Qualifier` names which content of a view a request means.

use std::fmt;

use serde::Serialize;

/// `SAVED` or `PUBLISHED`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Status {
    /// Moves `$SAVED`; basic validation.
    #[serde(rename = "SAVED")]
    Saved,
    /// Moves `$SAVED` and `$LATEST`; full validation.
    #[serde(rename = "PUBLISHED")]
    Published,
}

impl Status {
    /// As the API spells it: `SAVED`, `PUBLISHED`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Saved => "SAVED",
            Status::Published => "PUBLISHED",
        }
    }

    /// The API's spelling, exactly (`None` for anything else, an unknown future status too).
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "SAVED" => Some(Status::Saved),
            "PUBLISHED" => Some(Status::Published),
            _ => None,
        }
    }

    /// The qualifiers a content write with this status moves.
    pub fn moves(self) -> &'static [Qualifier] {
        match self {
            Status::Saved => &[Qualifier::Saved],
            Status::Published => &[Qualifier::Saved, Qualifier::Latest],
        }
    }

    /// The other one.
    pub fn toggled(self) -> Status {
        match self {
            Status::Saved => Status::Published,
            Status::Published => Status::Saved,
        }
    }
}

/// As a validation level in prose: "at the published level".
impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Saved => "saved",
            Status::Published => "published",
        })
    }
}

/// `saved`/`published` in any case (a command-line or configuration value).
impl std::str::FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "saved" => Ok(Status::Saved),
            "published" => Ok(Status::Published),
            _ => Err(format!("unknown level \"{s}\": use saved or published")),
        }
    }
}

/// `$SAVED`, `$LATEST` or a version number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Qualifier {
    Saved,
    Latest,
    Version(i64),
}

impl Qualifier {
    /// `$SAVED`, `$LATEST` or digits (`None` otherwise; digits too large are `None`).
    pub fn parse(s: &str) -> Option<Qualifier> {
        match s {
            "$SAVED" => Some(Qualifier::Saved),
            "$LATEST" => Some(Qualifier::Latest),
            n if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
                n.parse().ok().map(Qualifier::Version)
            }
            _ => None,
        }
    }

    /// Whether `s` has a qualifier's shape (digits of any length count).
    pub fn looks_like(s: &str) -> bool {
        s == "$SAVED" || s == "$LATEST" || (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Qualifier::Saved => f.write_str("$SAVED"),
            Qualifier::Latest => f.write_str("$LATEST"),
            Qualifier::Version(n) => write!(f, "{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_qualifiers_round_trip() {
        for s in [Status::Saved, Status::Published] {
            assert_eq!(Status::parse(s.as_str()), Some(s));
            assert_eq!(s.to_string().parse::<Status>(), Ok(s));
            assert_eq!(s.toggled().toggled(), s);
        }
        assert_eq!(Status::parse("published"), None, "the API's spelling only");
        assert_eq!("PUBLISHED".parse::<Status>(), Ok(Status::Published));
        for q in ["$SAVED", "$LATEST", "7"] {
            assert_eq!(Qualifier::parse(q).unwrap().to_string(), q);
        }
        assert_eq!(Qualifier::parse("$latest"), None);
        assert!(Qualifier::looks_like("99999999999999999999999"));
        assert_eq!(Qualifier::parse("99999999999999999999999"), None);
        assert_eq!(
            Status::Published.moves(),
            &[Qualifier::Saved, Qualifier::Latest]
        );
    }
}
