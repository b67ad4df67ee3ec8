import ArgumentParser
import Foundation

extension MCPCommand {
    /// `gatehouse mcp catalog`: the gateway's catalogs of tool servers.
    struct Catalog: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the gateway's catalogs of tool servers.", subcommands: [Import.self])

        /// `gatehouse mcp catalog import`: `POST /api/v1/mcp/catalogs`.
        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Import a catalog file (docker/mcp-gateway's format, or Gatehouse's) into the server.")

            /// The largest file sent (the server refuses larger ones too).
            static let maxBytes = 4 << 20

            @OptionGroup var server: ServerOptions
            @Argument(help: "The catalog's YAML file.") var file: String
            @Option(help: "The catalog's name (default: the file's name without its extension, lower-cased).")
            var name: String?

            /// The request.
            struct Body: Encodable {
                let name: String
                let yaml: String
            }

            /// The server's answer: what it imported, skipped and noticed.
            struct Answer: Decodable {
                let name: String
                let servers: Int
                let skipped: [String: String]?
                let warnings: [String]?
            }

            /// The name a file gets by default: its name without the extension, lower-cased, with
            /// every run of characters a name cannot hold turned into one `-`.
            static func defaultName(of path: String) -> String {
                let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension.lowercased()
                var name = ""
                for scalar in stem.unicodeScalars {
                    if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                        || ".-_".unicodeScalars.contains(scalar)
                    {
                        name.unicodeScalars.append(scalar)
                    } else if !name.hasSuffix("-") {
                        name += "-"
                    }
                }
                while let first = name.unicodeScalars.first, !("a"..."z").contains(first), !("0"..."9").contains(first)
                {
                    name.unicodeScalars.removeFirst()
                }
                return String(name.prefix(63))
            }

            func run() async throws {
                try await MCPCommand.reporting {
                    let catalogName = name ?? Self.defaultName(of: file)
                    guard MCPCommand.isValidName(catalogName) else {
                        throw CLIFailure(
                            "\(name == nil ? "the file's name gives" : "--name is") \"\(catalogName.prefix(80))\", not a valid catalog name (1 to 63 lower-case letters, digits, '.', '_' or '-'); choose one with --name"
                        )
                    }
                    let yaml = try Self.read(file)
                    let data = try await MCPAPI(client: try server.client())
                        .post(
                            "api/v1/mcp/catalogs", json: try JSONEncoder().encode(Body(name: catalogName, yaml: yaml)))
                    let answer = try MCPCommand.decode(Answer.self, from: data)
                    print("imported catalog \(answer.name): \(answer.servers) server\(answer.servers == 1 ? "" : "s")")
                    for (server, reason) in (answer.skipped ?? [:]).sorted(by: { $0.key < $1.key }) {
                        print("skipped \(server): \(MCPCommand.oneLine(reason))")
                    }
                    for warning in answer.warnings ?? [] { printError("gatehouse: warning: \(warning)") }
                }
            }

            /// The file's text; refused when it is over 4 MiB or not UTF-8.
            static func read(_ path: String) throws -> String {
                let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else {
                    throw CLIFailure("cannot read \(path)")
                }
                if let size = attributes[.size] as? Int, size > maxBytes {
                    throw CLIFailure("\(path) is \(size) bytes; a catalog may be at most 4 MiB")
                }
                guard attributes[.type] as? FileAttributeType == .typeRegular,
                    let handle = FileHandle(forReadingAtPath: resolved)
                else { throw CLIFailure("\(path) is not a regular file") }
                defer { try? handle.close() }
                // Read one byte past the limit: the file may have grown since it was measured.
                let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
                guard data.count <= maxBytes else {
                    throw CLIFailure("\(path) is over 4 MiB; a catalog may be at most 4 MiB")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw CLIFailure("\(path) is not UTF-8 text")
                }
                return text
            }
        }
    }
}
