import ArgumentParser

/// `gatehouse-bench-inference`: the inference benchmark's fake engine, load generator and
/// tokens/s meter (driven by `bench/inference/run.sh`).
@main
struct BenchInference: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatehouse-bench-inference",
        abstract: "Added latency and throughput of Gatehouse's OpenAI-compatible API (issue: bench/inference).",
        subcommands: [FakeUpstreamCommand.self, LatencyCommand.self, TokensCommand.self]
    )
}
