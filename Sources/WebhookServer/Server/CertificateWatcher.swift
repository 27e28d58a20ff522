import Foundation

/// Checks the certificate files every few seconds and logs what changed. New connections pick up
/// `CertificateStore.current`, so a rotation needs no restart and fails no request; a broken new pair keeps the
/// old one serving.
final class CertificateWatcher: @unchecked Sendable {
    private let context: ServerContext
    private let stopSignal = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(context: ServerContext) {
        self.context = context
    }

    func start() {
        let thread = Thread { [self] in
            let interval = max(0.05, context.configuration.certificateCheckInterval)
            while stopSignal.wait(timeout: .now() + interval) == .timedOut {
                check()
            }
            finished.signal()
        }
        thread.name = "harbormaster-certs"
        thread.start()
    }

    func stop() {
        stopSignal.signal()
        finished.wait()
    }

    private func check() {
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
