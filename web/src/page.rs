//! The app's pages and the eligibility checker's steps, as enums: each address is read once, by
//! [`Page::from_path`], and written once, by [`Page::href`].

/// A page of the app, by its address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/`: the list of tools.
    Home,
    /// `/eligibility` (the start page) and `/eligibility/<step>`.
    Eligibility(Step),
    /// `/simulator`.
    Simulator,
    /// `/sign-in`.
    SignIn,
    /// `/shared-mailboxes`.
    Mailboxes,
    /// `/roster`.
    Roster,
    /// `/rules`.
    Rules,
    /// Any other address.
    NotFound,
}

/// A step of "Check if you can get NHSmail".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The start page, `/eligibility`.
    Start,
    /// One question on its own page.
    Question(Question),
    /// Check your answers.
    Check,
    /// The outcome.
    Outcome,
}

/// The eligibility checker's questions, in the order they are asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    OrganisationType,
    CqcRegistered,
    DsptStatus,
    ApproachingBefore,
    DsptYear,
    Sites,
    LocalAdministrators,
    ExistingNhsmail,
}

impl Page {
    /// The pages in the menu, in its order (the home page is the service name's link).
    pub const MENU: [Page; 6] = [
        Page::Eligibility(Step::Start),
        Page::Simulator,
        Page::SignIn,
        Page::Mailboxes,
        Page::Roster,
        Page::Rules,
    ];

    /// The page at `path`. One trailing slash is ignored; any other address is `NotFound`.
    pub fn from_path(path: &str) -> Page {
        let path = match path.strip_suffix('/') {
            Some(p) if !p.is_empty() && !p.ends_with('/') => p,
            _ => path,
        };
        let fixed = [Page::Home, Page::Eligibility(Step::Start)]
            .into_iter()
            .chain(Page::MENU);
        if let Some(page) = fixed.into_iter().find(|p| p.href() == path) {
            return page;
        }
        path.strip_prefix("/eligibility/")
            .and_then(Step::from_slug)
            .map_or(Page::NotFound, Page::Eligibility)
    }

    /// The page's address (`NotFound` has none of its own: the home page's).
    pub fn href(self) -> &'static str {
        match self {
            Page::Home | Page::NotFound => "/",
            Page::Eligibility(step) => step.href(),
            Page::Simulator => "/simulator",
            Page::SignIn => "/sign-in",
            Page::Mailboxes => "/shared-mailboxes",
            Page::Roster => "/roster",
            Page::Rules => "/rules",
        }
    }

    /// The page's name, as the menu and the home page show it.
    pub fn title(self) -> &'static str {
        match self {
            Page::Home => "NHSmail policy rules",
            Page::Eligibility(_) => "Check if you can get NHSmail",
            Page::Simulator => "Account lifecycle simulator",
            Page::SignIn => "Sign-in check",
            Page::Mailboxes => "Shared mailbox planner",
            Page::Roster => "Roster and decisions",
            Page::Rules => "Policies and rules",
            Page::NotFound => "Page not found",
        }
    }

    /// The eligibility checker's step, on one of its pages.
    pub fn step(self) -> Option<Step> {
        match self {
            Page::Eligibility(step) => Some(step),
            Page::Home
            | Page::Simulator
            | Page::SignIn
            | Page::Mailboxes
            | Page::Roster
            | Page::Rules
            | Page::NotFound => None,
        }
    }

    /// The menu entry shown as the current page while this page is open, if any: every step of
    /// the eligibility checker is under its start page.
    pub fn menu_entry(self) -> Option<Page> {
        match self {
            Page::Eligibility(_) => Some(Page::Eligibility(Step::Start)),
            Page::Home | Page::NotFound => None,
            Page::Simulator | Page::SignIn | Page::Mailboxes | Page::Roster | Page::Rules => {
                Some(self)
            }
        }
    }
}

impl Step {
    /// The step whose address ends `/eligibility/<slug>`, if there is one.
    pub fn from_slug(slug: &str) -> Option<Step> {
        [Step::Check, Step::Outcome]
            .into_iter()
            .chain(Question::ALL.map(Step::Question))
            .find(|s| s.slug() == slug)
    }

    /// The last part of the step's address (`""` for the start page).
    pub fn slug(self) -> &'static str {
        self.href()
            .strip_prefix("/eligibility/")
            .unwrap_or_default()
    }

    /// The step's address.
    pub fn href(self) -> &'static str {
        match self {
            Step::Start => "/eligibility",
            Step::Question(q) => q.href(),
            Step::Check => "/eligibility/check",
            Step::Outcome => "/eligibility/outcome",
        }
    }
}

impl Question {
    /// Every question, in the order they are asked.
    pub const ALL: [Question; 8] = [
        Question::OrganisationType,
        Question::CqcRegistered,
        Question::DsptStatus,
        Question::ApproachingBefore,
        Question::DsptYear,
        Question::Sites,
        Question::LocalAdministrators,
        Question::ExistingNhsmail,
    ];

    /// The question's place in [`Question::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The question's address.
    pub fn href(self) -> &'static str {
        match self {
            Question::OrganisationType => "/eligibility/organisation-type",
            Question::CqcRegistered => "/eligibility/cqc-registered",
            Question::DsptStatus => "/eligibility/dspt-status",
            Question::ApproachingBefore => "/eligibility/approaching-before",
            Question::DsptYear => "/eligibility/dspt-year",
            Question::Sites => "/eligibility/sites",
            Question::LocalAdministrators => "/eligibility/local-administrators",
            Question::ExistingNhsmail => "/eligibility/existing-nhsmail",
        }
    }

    /// The last part of the question's address, also the id of its field.
    pub fn slug(self) -> &'static str {
        Step::Question(self).slug()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every page other than `NotFound`, every step included.
    fn every_page() -> Vec<Page> {
        let steps = [Step::Start, Step::Check, Step::Outcome]
            .into_iter()
            .chain(Question::ALL.map(Step::Question));
        [Page::Home]
            .into_iter()
            .chain(Page::MENU)
            .chain(steps.map(Page::Eligibility))
            .collect()
    }

    #[test]
    fn each_page_is_found_at_its_address_with_or_without_one_trailing_slash() {
        for page in every_page() {
            assert_eq!(Page::from_path(page.href()), page, "{page:?}");
            if page != Page::Home {
                assert_eq!(
                    Page::from_path(&format!("{}/", page.href())),
                    page,
                    "{page:?}/"
                );
            }
        }
    }

    #[test]
    fn addresses_as_they_are_written() {
        for (path, page) in [
            ("/", Page::Home),
            ("/roster", Page::Roster),
            ("/roster/", Page::Roster),
            ("/eligibility", Page::Eligibility(Step::Start)),
            ("/eligibility/", Page::Eligibility(Step::Start)),
            (
                "/eligibility/sites",
                Page::Eligibility(Step::Question(Question::Sites)),
            ),
            (
                "/eligibility/sites/",
                Page::Eligibility(Step::Question(Question::Sites)),
            ),
            ("/eligibility/check", Page::Eligibility(Step::Check)),
            ("/shared-mailboxes", Page::Mailboxes),
            ("/sign-in", Page::SignIn),
        ] {
            assert_eq!(Page::from_path(path), page, "{path}");
        }
    }

    #[test]
    fn other_addresses_are_not_found() {
        for path in [
            "",
            "//",
            "/roster//",
            "/nowhere",
            "/Roster",
            "/eligibility//",
            "/eligibility/no-such-step",
            "/eligibility/check/extra",
            "/eligibility/sites//",
        ] {
            assert_eq!(Page::from_path(path), Page::NotFound, "{path}");
        }
    }

    #[test]
    fn steps_round_trip_through_their_slugs() {
        for q in Question::ALL {
            assert_eq!(Question::ALL.get(q.index()), Some(&q));
            assert_eq!(Step::from_slug(q.slug()), Some(Step::Question(q)));
        }
        assert_eq!(Step::from_slug("check"), Some(Step::Check));
        assert_eq!(Step::from_slug("outcome"), Some(Step::Outcome));
        assert_eq!(Step::from_slug(""), None);
        assert_eq!(Step::Start.slug(), "");
    }

    #[test]
    fn the_menu_marks_the_checker_on_every_step() {
        assert_eq!(
            Page::Eligibility(Step::Outcome).menu_entry(),
            Some(Page::Eligibility(Step::Start))
        );
        assert_eq!(Page::NotFound.menu_entry(), None);
        assert_eq!(Page::Home.menu_entry(), None);
        for page in Page::MENU {
            assert_eq!(page.menu_entry(), Some(page));
        }
    }
}
