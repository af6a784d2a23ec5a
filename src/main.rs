fn main() -> anyhow::Result<()> {
    marsad::cli::run()
}
