//! The six lifecycle states (SPEC section 3), with the words a person reads for each.

vocabulary! {
    /// The six lifecycle states.
    #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
    pub enum State {
        #[allow(missing_docs)]
        Active = "active" => "Active",
        #[allow(missing_docs)]
        Inactive = "inactive" => "Inactive",
        #[allow(missing_docs)]
        Disabled = "disabled" => "Disabled",
        #[allow(missing_docs)]
        Leaver = "leaver" => "Leaver",
        #[allow(missing_docs)]
        Deleted = "deleted" => "Deleted",
        /// Permanently deleted: nothing can bring it back.
        Purged = "purged" => "Permanently deleted",
    }
}
