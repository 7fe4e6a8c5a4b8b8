# klastry: one static-ish binary with the demo data, migrations and GraphiQL built in.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release -p klastry --locked

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /srv/klastry klastry \
 && mkdir -p /srv/klastry/data && chown klastry /srv/klastry/data
COPY --from=build /src/target/release/klastry /usr/local/bin/klastry
WORKDIR /srv/klastry
USER klastry
# Listening beyond loopback, the server makes no demo accounts and calls no webhook on a
# private network (docs/SECURITY.md).
ENV KLASTRY_BIND=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
CMD ["klastry", "serve"]
