# syntax=docker/dockerfile:1
# Harbormaster's container image: a release build with the Swift runtime linked in statically, on a slim Debian
# that adds only the two C libraries it links (libssl3, libyaml-0-2).
#
#   docker build -t harbormaster:0.1.0 .
#
# scripts/verify-image.sh checks the same build and runtime without a Docker engine (what was and was not verified
# is in charts/harbormaster/README.md).

# The builder must be Debian bookworm too: the binary links bookworm's libssl3 and libyaml-0-2.
ARG SWIFT_IMAGE=swift:6.3-bookworm
ARG RUNTIME_IMAGE=debian:bookworm-slim

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libssl-dev libyaml-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so that a source change does not fetch them again.
COPY Package.swift ./
RUN swift package resolve
# SwiftPM wants every target's directory, tests and benchmark included, even to build one product.
COPY Sources ./Sources
COPY Tests ./Tests
COPY bench ./bench
# --static-swift-stdlib: the Swift runtime and Foundation go into the binary, so the runtime image needs no Swift.
RUN swift build -c release --static-swift-stdlib --product harbormaster \
 && install -D -m 0755 "$(swift build -c release --show-bin-path)/harbormaster" /out/harbormaster \
 && strip /out/harbormaster \
 && /out/harbormaster --version

FROM ${RUNTIME_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libssl3 libyaml-0-2 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/harbormaster /usr/local/bin/harbormaster
# Numeric, so that runAsNonRoot can be checked by the kubelet without reading /etc/passwd.
USER 65532:65532
EXPOSE 8443
# Exec form: no shell between the kubelet's SIGTERM and the server, which drains on it.
ENTRYPOINT ["/usr/local/bin/harbormaster"]
CMD ["serve"]
