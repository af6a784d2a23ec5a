//! The sample articles in `assets/samples/`, compiled in so "Load sample articles" works from
//! any installed binary. They are written to a temporary folder and imported through the
//! ordinary pipeline, exactly like files the analyst picks.

use std::path::PathBuf;

/// `(file name, contents)` of every sample.
pub const SAMPLES: &[(&str, &str)] = &[
    ("ar-ukraine-talks.txt", include_str!("../../assets/samples/ar-ukraine-talks.txt")),
    ("en-harbour-reopening.txt", include_str!("../../assets/samples/en-harbour-reopening.txt")),
    ("en-central-bank-rates.txt", include_str!("../../assets/samples/en-central-bank-rates.txt")),
    ("en-film-festival.txt", include_str!("../../assets/samples/en-film-festival.txt")),
];

/// Writes the samples to a fresh temporary folder and returns their paths.
pub fn write_samples() -> std::io::Result<Vec<PathBuf>> {
    let dir = std::env::temp_dir().join(format!("marsad-samples-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    SAMPLES
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text)?;
            Ok(path)
        })
        .collect()
}
