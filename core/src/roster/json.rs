//! Reading a JSON roster (`{"accounts": [...]}`) one account at a time, in constant memory: the
//! streaming form of [`Roster::from_json`](crate::Roster::from_json), with the same error paths
//! (`accounts[3].created`). It names the first problem in reading order: where an account has a
//! bad value and then broken JSON, that is the bad value, while the whole-text reader, which
//! checks the syntax of the whole text first, says `invalid_json`.

use std::fmt;
use std::io::{BufReader, Read};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::model::account::Account;
use crate::model::error::{
    from_serde_message, join_path, not_json, split_position, EngineError, ErrorCode,
};

/// Where the reader is, and the first problem it found itself.
struct Progress<'f, F> {
    each: &'f mut F,
    count: usize,
    in_accounts: bool,
    failure: Option<EngineError>,
    /// The path inside the account being read when a value in it was wrong.
    bad_at: Option<String>,
}

struct AccountsSeed<'p, 'f, F>(&'p mut Progress<'f, F>);
struct Accounts<'p, 'f, F>(&'p mut Progress<'f, F>);

impl<'de, F: FnMut(usize, Account)> Visitor<'de> for AccountsSeed<'_, '_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object with an `accounts` list")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut found = false;
        while let Some(key) = map.next_key::<String>()? {
            if key != "accounts" {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if found {
                // JSON.parse would keep the last list; the first has been read already.
                self.0.failure = Some(EngineError::new(
                    ErrorCode::InvalidField,
                    "accounts",
                    "appears twice: a roster has one list of accounts",
                ));
                return Err(de::Error::custom("stopped"));
            }
            found = true;
            map.next_value_seed(Accounts(&mut *self.0))?;
        }
        if !found {
            self.0.failure = Some(EngineError::new(
                ErrorCode::InvalidField,
                "accounts",
                "is required",
            ));
            return Err(de::Error::custom("stopped"));
        }
        Ok(())
    }
}

impl<'de, F: FnMut(usize, Account)> DeserializeSeed<'de> for Accounts<'_, '_, F> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.0.in_accounts = true;
        d.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(usize, Account)> Visitor<'de> for Accounts<'_, '_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let mut track = serde_path_to_error::Track::new();
            let seed = TrackedAccount(&mut track);
            match seq.next_element_seed(seed) {
                Ok(Some(account)) => (self.0.each)(self.0.count, account),
                Ok(None) => break,
                Err(e) => {
                    // A bad value (not broken JSON, which the caller tells apart): its path.
                    self.0.bad_at = Some(track.path().to_string());
                    return Err(e);
                }
            }
            self.0.count += 1;
        }
        self.0.in_accounts = false;
        Ok(())
    }
}

/// One account, read straight from the text with its path tracked, as the whole-text reader does.
struct TrackedAccount<'t>(&'t mut serde_path_to_error::Track);

impl<'de> DeserializeSeed<'de> for TrackedAccount<'_> {
    type Value = Account;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Account, D::Error> {
        Account::deserialize(serde_path_to_error::Deserializer::new(d, self.0))
    }
}

/// Reads `{"accounts": [...]}` from `input`, calling `each(index, account)` for every account as
/// soon as it is read, and returns how many there were. The first problem stops the reading: a
/// malformed document is `invalid_json` with its line and column; a bad account names its field
/// (`accounts[3].created`). Ids are not checked for repeats here.
pub fn read_roster_json<R: Read>(
    input: R,
    mut each: impl FnMut(usize, Account),
) -> Result<usize, EngineError> {
    let mut progress = Progress {
        each: &mut each,
        count: 0,
        in_accounts: false,
        failure: None,
        bad_at: None,
    };
    let mut reader =
        serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, input));
    let read = de::Deserializer::deserialize_any(&mut reader, AccountsSeed(&mut progress))
        .and_then(|()| reader.end());
    let Err(e) = read else {
        return Ok(progress.count);
    };
    if let Some(failure) = progress.failure {
        return Err(failure);
    }
    Err(match e.classify() {
        serde_json::error::Category::Data if progress.in_accounts => {
            let at = match progress.bad_at {
                Some(inner) => {
                    let inner = if inner == "." { "" } else { &inner };
                    join_path(&format!("accounts[{}]", progress.count), inner)
                }
                None => "accounts".to_owned(),
            };
            from_serde_message(&at, split_position(&e.to_string()).0)
        }
        serde_json::error::Category::Data => EngineError::new(
            ErrorCode::InvalidField,
            "",
            "the roster must be a JSON object with an `accounts` list",
        ),
        _ => not_json(&e),
    })
}
