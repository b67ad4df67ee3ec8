import ArgumentParser
import Foundation
import GatehouseInference

/// How a command that pushes straight to a registry (`model package --push`, `agent push`)
/// reaches it: a user with the password in an environment variable, and plain HTTP on request.
struct RegistryPushOptions: ParsableArguments {
    @Option(help: "The registry user.") var username: String?
    @Option(
        name: .customLong("password-env"), help: "The environment variable holding the registry password or token.")
    var passwordEnv: String?
    @Flag(name: .customLong("plain-http"), help: "Talk HTTP, not HTTPS (a registry on a network you trust).")
    var plainHTTP = false

    /// The pusher these options describe.
    func pusher() throws -> OCIPusher {
        var credentials: RegistryCredentials?
        if let username {
            guard let variable = passwordEnv, let password = ProcessInfo.processInfo.environment[variable] else {
                throw ValidationError("--username needs --password-env naming a set environment variable")
            }
            credentials = RegistryCredentials(username: username, password: password)
        }
        return OCIPusher(credentials: credentials, plainHTTP: plainHTTP)
    }
}
