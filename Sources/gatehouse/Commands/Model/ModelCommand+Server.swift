import ArgumentParser
import AsyncHTTPClient
import Foundation
import GatehouseCore
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// `gatehouse model pull REF`: the server pulls the model through the registry rules.
struct ModelPull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Pull a model (Docker Model Runner's OCI format) through the registry rules.")

    @OptionGroup var server: ServerOptions
    @Argument(help: "The reference, e.g. ai/smollm2:latest or registry.example.com/models/x:1.") var reference: String
    @Option(name: .customLong("as"), help: "Store it under this name (default: repository:tag).") var name: String?

    func run() async throws {
        var body: [String: JSONValue] = ["model": .string(reference), "stream": true]
        if let name { body["as"] = .string(name) }
        let response = try await server.client().postStreaming(
            "api/pull", body: JSONValue.object(body), timeout: .hours(2))
        for try await line in JSONLines(response.body) {
            if let error = line["error"]?.stringValue { throw CLIFailure(error) }
            print(line["status"]?.stringValue ?? line.text)
        }
    }
}

/// `gatehouse model ls`: the models the caller may use.
struct ModelList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List the models you may use.")

    @OptionGroup var server: ServerOptions
    @Flag(help: "Print the server's JSON.") var json = false

    func run() async throws {
        let data = try await server.client().call("GET", "api/tags")
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        guard let models = JSONValue.parse(data)?["models"]?.arrayValue else { throw CLIFailure("unexpected answer") }
        print("NAME".padding(toLength: 36, withPad: " ", startingAt: 0) + "PARAMETERS  QUANTIZATION  SIZE")
        for model in models {
            let name = model["name"]?.stringValue ?? "?"
            let details = model["details"]
            let size = model["size"]?.intValue ?? 0
            print(
                name.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + (details?["parameter_size"]?.stringValue ?? "").padding(toLength: 12, withPad: " ", startingAt: 0)
                    + (details?["quantization_level"]?.stringValue ?? "").padding(
                        toLength: 14, withPad: " ", startingAt: 0)
                    + (size > 0 ? ByteCountFormatter.string(fromByteCount: size, countStyle: .binary) : "remote"))
        }
    }
}

/// `gatehouse model rm NAME`.
struct ModelRemove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove a stored model.")

    @OptionGroup var server: ServerOptions
    @Argument(help: "The model's name.") var name: String

    func run() async throws {
        _ = try await server.client().call("DELETE", "api/delete", body: JSONValue.object(["model": .string(name)]))
        print("removed \(name)")
    }
}

/// `gatehouse model run NAME "prompt"`: a quick streamed answer in the terminal.
struct ModelRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Ask a model one question.")

    @OptionGroup var server: ServerOptions
    @Argument(help: "The model (or alias).") var name: String
    @Argument(help: "The prompt.") var prompt: String
    @Option(name: .customLong("max-tokens"), help: "The most tokens to generate.") var maxTokens: Int = 512

    func run() async throws {
        let body: JSONValue = [
            "model": .string(name), "stream": true, "max_tokens": .integer(Int64(maxTokens)),
            "messages": [["role": "user", "content": .string(prompt)]],
            "stream_options": ["include_usage": true],
        ]
        let response = try await server.client().postStreaming(
            "v1/chat/completions", body: body, timeout: .minutes(30))
        let route = response.headers.first(name: "X-Gatehouse-Route")
        var events = EventLines(response.body)
        var usage: JSONValue?
        while let data = try await events.next() {
            guard let chunk = JSONValue.parse(Data(data.utf8)) else { continue }
            if let error = chunk["error"]?["message"]?.stringValue { throw CLIFailure(error) }
            if let piece = chunk["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue {
                FileHandle.standardOutput.write(Data(piece.utf8))
            }
            if let found = chunk["usage"], found != .null { usage = found }
        }
        print("")
        if let usage {
            let input = usage["prompt_tokens"]?.intValue ?? 0
            let output = usage["completion_tokens"]?.intValue ?? 0
            FileHandle.standardError.write(Data("[\(route ?? "?"): \(input) tokens in, \(output) out]\n".utf8))
        }
    }
}
