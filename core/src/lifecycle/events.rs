//! What each event does during its day (SPEC section 3, "Events, during day X"), and the
//! warnings for the events that are ignored.

use super::Life;
use crate::lifecycle::outcome::{Warning, WarningCode};
use crate::model::account::{Happening, SignIn};
use crate::model::date::IsoDate;
use crate::model::rules::RuleId;
use crate::model::state::State;

impl Life<'_> {
    pub(super) fn warn(
        &mut self,
        on: IsoDate,
        event: Option<usize>,
        code: WarningCode,
        message: String,
    ) {
        self.warnings.push(Warning {
            on,
            event,
            code,
            message,
        });
    }

    fn not_applicable(&mut self, on: IsoDate, index: Option<usize>, what: &str) {
        let state = if self.exempt {
            "an exempt"
        } else {
            article(self.state)
        };
        let message =
            format!("A {what} event does not apply to {state} account, so it was ignored.");
        self.warn(on, index, WarningCode::EventNotApplicable, message);
    }

    /// Applies one event during day `on` (after that day's checks).
    pub(super) fn apply(&mut self, on: IsoDate, index: Option<usize>, happening: Happening) {
        use State::*;
        match happening {
            Happening::SignIn(kind) => self.sign_in(on, index, kind),
            Happening::NameChanged(address) => {
                if matches!(self.state, Deleted | Purged) {
                    self.not_applicable(on, index, "nameChanged");
                } else {
                    self.rename(address);
                }
            }
            _ if self.exempt => {
                let what = event_name(&happening);
                self.not_applicable(on, index, what);
            }
            Happening::Disabled if matches!(self.state, Active | Inactive) => {
                self.move_to(Disabled, on, RuleId::Disabled)
            }
            Happening::Enabled if self.state == Disabled => {
                self.last = on;
                self.move_to(Active, on, RuleId::Enabled);
            }
            Happening::MarkedLeaver if matches!(self.state, Active | Inactive | Disabled) => {
                self.move_to(Leaver, on, RuleId::LeaverMarked)
            }
            Happening::Joined(org) if self.state == Leaver => {
                self.last = on;
                self.organisation = Some(org);
                self.move_to(Active, on, RuleId::Joiner);
            }
            Happening::Joined(org) if matches!(self.state, Active | Inactive) => {
                self.organisation = Some(org)
            }
            Happening::Restored if self.state == Deleted => {
                self.last = on;
                self.move_to(Active, on, RuleId::Restored);
            }
            Happening::Restored if self.state == Purged => {
                let message = format!(
                    "The account was permanently deleted on {}; it cannot be restored and a new account is needed.",
                    self.since
                );
                self.warn(on, index, WarningCode::RestoreWindowClosed, message);
            }
            other => {
                let what = event_name(&other);
                self.not_applicable(on, index, what);
            }
        }
    }

    pub(super) fn sign_in(&mut self, on: IsoDate, index: Option<usize>, kind: SignIn) {
        if !self.exempt && matches!(self.state, State::Disabled | State::Deleted | State::Purged) {
            let message = format!(
                "Nobody can sign in to {} account, so this sign-in was ignored.",
                article(self.state)
            );
            self.warn(on, index, WarningCode::SignInBlocked, message);
            return;
        }
        match kind {
            SignIn::AupAccepted => self.aup_accepted = true,
            SignIn::AccountSecretSet => self.secret_set = true,
            SignIn::Activity => {}
        }
        self.last_activity = Some(on);
        self.last = on;
        if !self.exempt && self.state == State::Inactive && self.onboarded() {
            self.move_to(State::Active, on, RuleId::Reactivated);
        }
    }

    fn rename(&mut self, address: String) {
        if self.address.as_deref() == Some(address.as_str()) {
            return;
        }
        self.aliases.retain(|a| *a != address);
        if let Some(old) = self.address.replace(address) {
            self.aliases.push(old);
        }
    }
}

pub(super) fn article(state: State) -> &'static str {
    match state {
        State::Active => "an active",
        State::Inactive => "an inactive",
        State::Disabled => "a disabled",
        State::Leaver => "a leaver's",
        State::Deleted => "a deleted",
        State::Purged => "a permanently deleted",
    }
}

fn event_name(h: &Happening) -> &'static str {
    match h {
        Happening::SignIn(SignIn::Activity) => "activity",
        Happening::SignIn(SignIn::AupAccepted) => "aupAccepted",
        Happening::SignIn(SignIn::AccountSecretSet) => "accountSecretSet",
        Happening::Disabled => "disabled",
        Happening::Enabled => "enabled",
        Happening::MarkedLeaver => "markedLeaver",
        Happening::Joined(_) => "joined",
        Happening::Restored => "restored",
        Happening::NameChanged(_) => "nameChanged",
    }
}
