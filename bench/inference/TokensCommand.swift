import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore

/// `tokens`: streamed generation speed of a real engine, directly and through Gatehouse, with
/// the requests interleaved (direct, gatehouse, direct, …) so both see the same machine.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "Completion tokens/s of a real engine, direct vs through Gatehouse.")

    @Option(help: "The engine's base URL (…/v1 is added when missing).")
    var directURL: String
    @Option(help: "The model name the engine is asked for.")
    var directModel = "smollm2"
    @Option(help: "Gatehouse's base URL.")
    var gatehouseURL: String
    @Option(help: "Bearer token for Gatehouse.")
    var gatehouseToken: String?
    @Option(help: "The Gatehouse model that routes to the engine.")
    var gatehouseModel = "smollm2"
    @Option(help: "Streamed completions per target (after one warm-up each).")
    var requests = 8
    @Option(help: "max_tokens of each completion.")
    var maxTokens = 128
    @Option(help: "The user prompt (long answers keep the engine busy for max_tokens).")
    var prompt = "Count from 1 to 500, separated by commas."
    @Option(help: "Sampling seed (temperature is 0).")
    var seed = 42

    func run() async throws {
        let targets = [
            Target(name: "direct", baseURL: LatencyCommand.base(directURL), token: nil, model: directModel),
            Target(
                name: "gatehouse", baseURL: LatencyCommand.base(gatehouseURL), token: gatehouseToken,
                model: gatehouseModel),
        ]
        let stream = StreamClient(prompt: prompt, maxTokens: maxTokens, seed: seed)
        // Without a usage chunk, the tokens of a completion come from a non-streamed one (same
        // prompt, temperature 0, fixed seed: the same tokens).
        let calibrated = try await stream.completionTokens(targets[0])
        log("calibration: \(calibrated) completion tokens per request (non-streamed usage, direct)")
        var totals = [(tokens: 0, wall: Duration.zero, firstToken: Duration.zero, usageChunks: 0)]
        totals.append(totals[0])
        var texts: [String?] = [nil, nil]
        for round in 0...requests {
            for (index, target) in targets.enumerated() {
                let run = try await stream.stream(target)
                if texts[index] == nil { texts[index] = run.text }
                guard round > 0 else { continue }  // round 0 warms both up
                totals[index].tokens += run.usageTokens ?? calibrated
                totals[index].usageChunks += run.usageTokens == nil ? 0 : 1
                totals[index].wall += run.wall
                totals[index].firstToken += run.firstToken
            }
        }
        if texts[0] != texts[1] { log("warning: the two targets streamed different texts") }
        var lines = [
            "| target | completions | completion tokens | tokens from | wall s | mean time to first token ms | tokens/s |",
            "|---|---:|---:|---|---:|---:|---:|",
        ]
        var rates: [Double] = []
        for (index, target) in targets.enumerated() {
            let total = totals[index]
            let rate = Double(total.tokens) / total.wall.seconds
            rates.append(rate)
            let source =
                total.usageChunks == requests ? "usage chunk" : total.usageChunks == 0 ? "calibration" : "mixed"
            lines.append(
                "| \(target.name) | \(requests) | \(total.tokens) | \(source) | \(Format.fixed(total.wall.seconds, 2)) "
                    + "| \((total.firstToken / requests).milliseconds) | \(Format.fixed(rate, 1)) |")
        }
        let ratio = rates[1] / rates[0]
        lines.append("")
        lines.append(
            "Gatehouse ÷ direct tokens/s: \(Format.fixed(ratio, 4)) (goal ≥ 0.98: \(ratio >= 0.98 ? "met" : "missed"))")
        print(lines.joined(separator: "\n"))
    }
}
