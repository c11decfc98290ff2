fn main() -> std::process::ExitCode {
    claimdesk::cli::main()
}
