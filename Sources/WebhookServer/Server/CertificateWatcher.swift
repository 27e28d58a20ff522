/// Checks the certificate files every few seconds and logs what changed. New connections pick up
/// `CertificateStore.current`, so a rotation needs no restart and fails no request; a broken new pair keeps the
/// old one serving.
final class CertificateWatcher: Sendable {
    private let context: ServerContext
    private let thread: PeriodicThread

    init(context: ServerContext) {
        self.context = context
        thread = PeriodicThread(name: "harbormaster-certs", interval: context.configuration.certificateCheckInterval) {
            CertificateWatcher.check(context)
        }
    }

    func start() { thread.start() }

    func stop() { thread.stop() }

    private static func check(_ context: ServerContext) {
        switch context.certificates.reloadIfChanged() {
        case .unchanged:
            break
        case .reloaded(let certificate):
            context.metrics.recordCertificateReload(success: true)
            context.metrics.setCertificateNotAfter(certificate.certificateNotAfter)
            context.logger.info("certificate reloaded", metadata: ["certificate": "\(certificate.certificateSubject)"])
        case .failed(let error):
            context.metrics.recordCertificateReload(success: false)
            context.logger.error("certificate reload failed; still serving the previous certificate", metadata: ["error": "\(error)"])
        }
    }
}
