import ArgumentParser
import Foundation
import GatehouseCore

/// `gatehouse usage`: tokens and spend, yours or (with the right) everyone's.
struct UsageCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "usage", abstract: "Show model usage: tokens and spend by user, group, model or route.")

    @OptionGroup var server: ServerOptions
    @Option(help: "Group by user, group, model or route.") var by: String = "model"
    @Option(help: "Since an ISO-8601 time or a span like 30d or 12h (default: this month).") var since: String?
    @Option(help: "Until an ISO-8601 time.") var until: String?
    @Flag(help: "Everyone's usage, not only yours (needs usage.read on *).") var all = false
    @Option(help: "Only this principal (issuer#subject).") var user: String?
    @Option(help: "Only this group's members.") var group: String?
    @Flag(help: "Print the server's JSON.") var json = false

    func run() async throws {
        var query = URLComponents()
        query.queryItems = [URLQueryItem(name: "by", value: by)]
        if let since { query.queryItems?.append(URLQueryItem(name: "since", value: since)) }
        if let until { query.queryItems?.append(URLQueryItem(name: "until", value: until)) }
        if all { query.queryItems?.append(URLQueryItem(name: "all", value: "true")) }
        if let user { query.queryItems?.append(URLQueryItem(name: "user", value: user)) }
        if let group { query.queryItems?.append(URLQueryItem(name: "group", value: group)) }
        let client = try server.client()
        let url =
            client.base.appendingPathComponent("api/v1/usage").absoluteString + "?" + (query.percentEncodedQuery ?? "")
        let data = try await ServerClient(base: URL(string: url)!, token: client.token).call("GET", "")
        if json {
            print(String(decoding: data, as: UTF8.self))
            return
        }
        guard let rows = JSONValue.parse(data)?["rows"]?.arrayValue else { throw CLIFailure("unexpected answer") }
        print(
            by.uppercased().padding(toLength: 40, withPad: " ", startingAt: 0) + "REQUESTS  TOKENS IN  TOKENS OUT  COST"
        )
        for row in rows {
            let cost =
                row["cost"].flatMap { value -> Double? in
                    if case .number(let number) = value { return number }
                    return value.intValue.map(Double.init)
                } ?? 0
            print(
                (row["key"]?.stringValue ?? "?").padding(toLength: 40, withPad: " ", startingAt: 0)
                    + String(row["requests"]?.intValue ?? 0).padding(toLength: 10, withPad: " ", startingAt: 0)
                    + String(row["promptTokens"]?.intValue ?? 0).padding(toLength: 11, withPad: " ", startingAt: 0)
                    + String(row["completionTokens"]?.intValue ?? 0).padding(toLength: 12, withPad: " ", startingAt: 0)
                    + String(format: "%.4f", cost))
        }
    }
}
