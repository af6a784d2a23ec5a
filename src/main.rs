fn main() -> std::process::ExitCode {
    marsad::cli::run()
}
