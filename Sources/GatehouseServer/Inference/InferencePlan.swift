import Foundation
import GatehouseInference

/// Where one model request goes, decided before anything is sent: the candidate and why, the
/// endpoint to call (a local engine's lease or a remote upstream), the model name the endpoint
/// knows, and the usage limits the request counts against.
struct InferencePlan: Sendable {
    var candidate: Candidate
    var reason: String
    var endpoint: UpstreamEndpoint
    var engineModel: String
    var lease: EngineLease?
    var admission: UsageLedger.Admission
    /// The rule that allowed the offload, for a remote candidate.
    var offloadRule: String?

    /// Ends the request's hold on its engine.
    func release() async {
        await lease?.release()
    }

    /// `route=… reason=…` for the audit record.
    var described: String {
        var text = "route=\(candidate.route) reason=" + String(reason.map { $0 == " " ? "_" : $0 })
        if let offloadRule { text += " offload_rule=\(offloadRule)" }
        if !admission.limitIDs.isEmpty { text += " limits=" + admission.limitIDs.joined(separator: ",") }
        return text
    }
}
