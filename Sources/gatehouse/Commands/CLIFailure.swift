import ArgumentParser
import Foundation
import GatehouseCore
import GatehouseServer

/// A failure already explained to the user: prints its message to standard error and exits 1.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { self.description = message }
}

extension CLIFailure: LocalizedError {
    var errorDescription: String? { description }
}

/// Loading the configuration for any command.
enum ConfigLoading {
    /// The file at `path`, or the embedded default; prints every error and fails.
    static func load(_ path: String?) throws -> GatehouseConfig {
        do {
            if let path { return try ConfigFile.load(path: path) }
            return try ConfigFile.embeddedDefault()
        } catch {
            for diagnostic in error.diagnostics { printError(diagnostic.description) }
            throw ExitCode(1)
        }
    }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
