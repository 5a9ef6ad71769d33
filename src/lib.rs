//! `<infoplus-signature>`: the InfoPlus signature control.
