/// The latency run's Markdown: every measurement, then each proxy against the goals.
struct LatencyReport {
    var rows: [(clients: Int, target: String, summary: Summary)]

    var markdown: String {
        var lines = [
            "| clients | target | requests | errors | p50 ms | p90 ms | p99 ms | req/s | added p50 ms |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in rows {
            let direct = summary(row.clients, "direct")
            let added = direct.map { Format.signedMilliseconds(row.summary.p50 - $0.p50) } ?? "n/a"
            let s = row.summary
            lines.append(
                "| \(row.clients) | \(row.target) | \(s.requests) | \(s.errors) | \(s.p50.milliseconds) "
                    + "| \(s.p90.milliseconds) | \(s.p99.milliseconds) | \(Format.fixed(s.requestsPerSecond, 0)) "
                    + "| \(row.target == "direct" ? "—" : added) |")
        }
        let clients = rows.map(\.clients).reduce(into: [Int]()) { if !$0.contains($1) { $0.append($1) } }
        guard rows.contains(where: { $0.target != "direct" }) else { return lines.joined(separator: "\n") }
        lines += [
            "",
            "| clients | Gatehouse added p50 ms | LiteLLM added p50 ms | req/s Gatehouse ÷ LiteLLM "
                + "| p50 added ≤ 1 ms | ≥ 10× LiteLLM req/s |",
            "|---:|---:|---:|---:|---|---|",
        ]
        for count in clients {
            guard let direct = summary(count, "direct") else { continue }
            // A target with failed requests measured something else: no verdict from it.
            let gatehouse = summary(count, "gatehouse").flatMap { $0.errors == 0 && $0.requests > 0 ? $0 : nil }
            let litellm = summary(count, "litellm").flatMap { $0.errors == 0 && $0.requests > 0 ? $0 : nil }
            let gatehouseAdded = gatehouse.map { $0.p50 - direct.p50 }
            let ratio = gatehouse.flatMap { g in litellm.map { g.requestsPerSecond / $0.requestsPerSecond } }
            lines.append(
                "| \(count) | \(gatehouseAdded.map(Format.signedMilliseconds) ?? "n/a") "
                    + "| \(litellm.map { Format.signedMilliseconds($0.p50 - direct.p50) } ?? "n/a") "
                    + "| \(ratio.map { Format.fixed($0, 1) + "×" } ?? "n/a") "
                    + "| \(gatehouseAdded.map { $0 <= .milliseconds(1) ? "met" : "missed" } ?? "n/a") "
                    + "| \(ratio.map { $0 >= 10 ? "met" : "missed" } ?? "n/a") |")
        }
        return lines.joined(separator: "\n")
    }

    private func summary(_ clients: Int, _ target: String) -> Summary? {
        rows.first { $0.clients == clients && $0.target == target }?.summary
    }
}
