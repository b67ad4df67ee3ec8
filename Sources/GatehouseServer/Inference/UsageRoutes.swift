import Foundation
import GatehouseCore
import GatehouseInference
import GatehouseStore
import Hummingbird

/// `GET /api/v1/usage`: tokens and spend totals, grouped by user, group, model or route, since
/// a time (`since=2026-11-01T00:00:00Z`, or `30d`, `12h`; default: the start of this month, UTC).
/// One's own usage is `usage.read` on `self`; everyone's (`all=true`, or a `user`/`group`
/// filter) is `usage.read` on `*`.
struct UsageRoutes: Sendable {
    let spine: Spine
    let store: any GatehouseStore

    /// The most rows answered.
    static let rowLimit = 10_000

    func register(on router: Router<some RequestContext>) {
        router.get("/api/v1/usage") { request, _ -> Response in
            var parameters: [String: String] = [:]
            for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
            let everyone =
                parameters["all"] == "true" || parameters["user"] != nil || parameters["group"] != nil
            return try await spine.handle(
                AdminRoutes.spineRequest(request, .usageRead, resource: everyone ? "*" : "self")
            ) { caller, _ in
                var query = try Self.query(parameters)
                if !everyone { query.principal = caller.principal.key }
                let totals = try await store.usageTotals(query)
                return JSONBody.response(UsageReport(query: query, totals: Array(totals.prefix(Self.rowLimit))))
            }
        }
    }

    static func query(_ parameters: [String: String]) throws -> UsageQuery {
        let by: UsageGrouping
        switch parameters["by"] ?? "user" {
        case "user": by = .user
        case "group": by = .group
        case "model": by = .model
        case "route": by = .route
        case let other:
            throw GatehouseError(.badRequest, "by must be user, group, model or route, not \(other.prefix(40))")
        }
        let now = Date()
        let since =
            try parameters["since"].map { try time($0, now: now, name: "since") } ?? UsageLedger.monthStart(of: now)
        let until = try parameters["until"].map { try time($0, now: now, name: "until") }
        var query = UsageQuery(since: since, until: until, by: by)
        query.principal = parameters["user"]
        query.group = parameters["group"]
        return query
    }

    /// An RFC 3339 time or a span back from now (`30d`, `12h`), as the audit queries read them.
    static func time(_ text: String, now: Date, name: String) throws -> Date {
        let micros = try AuditQueryParameters.time(
            text, name: name, now: Int64((now.timeIntervalSince1970 * 1_000_000).rounded()))
        return Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    struct UsageReport: Encodable {
        struct Row: Encodable {
            let key: String
            let requests: Int
            let promptTokens: Int
            let completionTokens: Int
            let cost: Double
        }
        let by: String
        let since: String
        let until: String?
        let rows: [Row]

        init(query: UsageQuery, totals: [UsageTotal]) {
            by = query.by.rawValue
            since = query.since.formatted(.iso8601)
            until = query.until?.formatted(.iso8601)
            rows = totals.map {
                Row(
                    key: $0.key, requests: $0.requests, promptTokens: $0.promptTokens,
                    completionTokens: $0.completionTokens, cost: Double($0.costMicros) / 1_000_000)
            }
        }
    }
}
