import GatehouseCore
import Metrics

/// `gatehouse_pulls_total{kind, result}`: pulls of images, models and agent files through
/// Gatehouse, by how they ended (`ok`, `refused` by policy or a rule, `error`).
enum PullMetrics {
    /// The pull kinds counted.
    enum Kind: String {
        case image, model, agent
    }

    static func count(_ kind: Kind, _ result: String) {
        Counter(label: "gatehouse_pulls_total", dimensions: [("kind", kind.rawValue), ("result", result)]).increment()
    }

    /// How an error ends a pull: `refused` when the caller was not allowed, else `error`.
    static func result(of error: any Error) -> String {
        if error is Spine.Refusal { return "refused" }
        let code = (error as? GatehouseError)?.code
        return code == .forbidden || code == .unauthenticated ? "refused" : "error"
    }

    /// Runs a pull, counting how it ended (nothing when `kind` is nil).
    static func counted<T>(_ kind: Kind?, _ pull: () async throws -> T) async throws -> T {
        guard let kind else { return try await pull() }
        do {
            let value = try await pull()
            count(kind, "ok")
            return value
        } catch {
            count(kind, result(of: error))
            throw error
        }
    }
}
