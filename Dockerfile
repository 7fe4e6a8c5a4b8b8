# klastry: the server (demo data, migrations and GraphiQL built in) and the web app it serves.
#
# The web app's stage builds it as scripts/build-web.sh does on a development machine: the
# wasm32 target from rustup, wasm-bindgen-cli from crates.io at the version frontend/Cargo.lock
# pins, wasm-split-cli from crates.io (the routes loaded on first visit), and wasm-opt from
# npm's binaryen (Debian's is too old for current Chromium).
FROM rust:1.95-bookworm AS web
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY schema.graphql ./
COPY scripts/build-web.sh scripts/
COPY frontend frontend
RUN bash scripts/build-web.sh --force

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
COPY --from=web /src/frontend/dist /srv/klastry/web
WORKDIR /srv/klastry
USER klastry
# Listening beyond loopback, the server makes no demo accounts and calls no webhook on a
# private network (docs/SECURITY.md).
ENV KLASTRY_BIND=0.0.0.0:8080 \
    KLASTRY_WEB_DIR=/srv/klastry/web
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
CMD ["klastry", "serve"]
