//! The desktop window. (Placeholder until the window work lands.)

pub fn run(_db_path: &std::path::Path) -> anyhow::Result<()> {
    anyhow::bail!("the window is not built yet; use the subcommands (marsad --help)")
}
