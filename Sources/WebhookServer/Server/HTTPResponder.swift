/// What the server calls for every complete request: pure request-to-response, run on the event-loop thread
/// that owns the connection (so it must not block on I/O).
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest) -> HTTPResponse
}
