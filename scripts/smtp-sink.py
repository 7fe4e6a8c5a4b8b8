#!/usr/bin/env python3
"""A real SMTP server for tests: accepts every message on a loopback port and keeps it as files.

    python3 scripts/smtp-sink.py --dir DIR [--host 127.0.0.1] [--port 0]
                                 [--auth USER:PASSWORD] [--fail-first N] [--watch-stdin]

Each accepted message becomes DIR/NNNNNN.eml (the raw message as received) and then
DIR/NNNNNN.json, numbered from 000001 in the order accepted, each written under a temporary
name and renamed, so a reader that sees a .json file sees it whole and its .eml beside it.
The JSON holds the message already decoded (Python's `email`, policy.default), so readers never
decode MIME themselves:

    {"mailFrom": "...", "rcptTos": ["..."], "from": "...", "to": "...", "subject": "...",
     "headers": {"Name": "decoded value", ...}, "text": "...", "html": "...", "error": null}

`headers` holds every header by its name as sent; a repeated header keeps its last value.
`text` and `html` are the decoded text/plain and text/html bodies ("" when there is none), with
"\n" line ends.
A message the parser chokes on is still accepted and kept, with the reason in `error`.

--port 0 picks a free port. Once listening, the server prints `LISTENING <port>` on stdout.
--auth requires AUTH PLAIN or LOGIN with those credentials before MAIL (no TLS: loopback only).
--fail-first N answers `451 4.3.0 try again later` to the first N messages' DATA, to test
retries. --watch-stdin exits when stdin closes, so a sink never outlives the test process that
started it with a pipe. Runs until SIGTERM or SIGINT. Needs aiosmtpd
(scripts/smtp-sink-setup.sh installs it).
"""

import argparse
import asyncio
import email
import email.policy
import ipaddress
import json
import logging
import os
import signal
import sys
import threading
import warnings

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

log = logging.getLogger("smtp-sink")


def parse_args():
    parser = argparse.ArgumentParser(description="A real SMTP server that keeps every message as files.")
    parser.add_argument("--dir", required=True, help="where the .eml and .json files go")
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port (the default)")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="require AUTH PLAIN/LOGIN before MAIL")
    parser.add_argument("--fail-first", type=int, default=0, metavar="N",
                        help="answer 451 to the first N DATA commands")
    parser.add_argument("--watch-stdin", action="store_true", help="exit when stdin closes")
    args = parser.parse_args()
    if not is_loopback(args.host):
        parser.error(f"--host {args.host} is not a loopback address; the sink listens on loopback only")
    if args.auth is not None and ":" not in args.auth:
        parser.error("--auth takes USER:PASSWORD")
    if args.fail_first < 0:
        parser.error("--fail-first takes a count, 0 or more")
    return args


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Authenticator:
    """Accepts exactly one login and password (PLAIN and LOGIN both hand over LoginPassword)."""

    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.user
            and auth_data.password == self.password
        )
        return AuthResult(success=ok, handled=False)


def header_text(message, name, value):
    """A header's value decoded (RFC 2047 words, address lists), or as sent when it cannot be."""
    try:
        return str(message.policy.header_fetch_parse(name, value))
    except Exception:
        return str(value)


def body_text(message, subtype):
    """The decoded text/<subtype> body a reader would be shown, or ""."""
    part = message.get_body(preferencelist=(subtype,))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except Exception:  # an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True) or b""
        try:
            text = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
        except LookupError:
            text = payload.decode("utf-8", errors="replace")
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n")


def describe(raw, envelope):
    """The JSON record of one message: the envelope and the decoded message."""
    record = {
        "mailFrom": envelope.mail_from or "",
        "rcptTos": list(envelope.rcpt_tos),
        "from": "",
        "to": "",
        "subject": "",
        "headers": {},
        "text": "",
        "html": "",
        "error": None,
    }
    try:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        for name, value in message.raw_items():
            record["headers"][name] = header_text(message, name, value)
        for field in ("from", "to", "subject"):
            value = next((v for n, v in message.raw_items() if n.lower() == field), None)
            record[field] = header_text(message, field, value) if value is not None else ""
        record["text"] = body_text(message, "plain")
        record["html"] = body_text(message, "html")
    except Exception as error:  # keep the message, say why it could not be read
        record["error"] = f"{type(error).__name__}: {error}"
        log.warning("could not decode a message: %s", record["error"])
    return record


def write_atomically(path, data):
    temporary = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(temporary, "wb") as file:
        file.write(data)
    os.rename(temporary, path)


class Sink:
    """aiosmtpd's handler: keeps every message, after refusing the first `fail_first`."""

    def __init__(self, directory, fail_first):
        self.directory = directory
        self.refusals_left = fail_first
        self.kept = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refusals_left > 0:
            self.refusals_left -= 1
            return "451 4.3.0 try again later"
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", errors="surrogateescape")
        record = describe(raw, envelope)
        number = self.kept + 1
        base = os.path.join(self.directory, f"{number:06d}")
        try:
            write_atomically(base + ".eml", raw)
            write_atomically(
                base + ".json", json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8")
            )
        except OSError as error:
            log.error("could not keep a message: %s", error)
            return "451 4.3.0 the sink could not keep the message"
        self.kept = number
        return "250 2.0.0 OK kept as " + os.path.basename(base)


async def serve(args):
    os.makedirs(args.dir, exist_ok=True)
    # Go on numbering after the messages already there (a sink restarted on the same folder).
    existing = [n for n in os.listdir(args.dir) if n.endswith(".json") and n[:6].isdigit()]
    handler = Sink(args.dir, args.fail_first)
    handler.kept = max((int(n[:6]) for n in existing), default=0)
    options = {"hostname": "klastry-smtp-sink", "enable_SMTPUTF8": True}
    if args.auth is not None:
        user, password = args.auth.split(":", 1)
        options.update(
            authenticator=Authenticator(user, password),
            auth_required=True,
            auth_require_tls=False,  # loopback only
        )

    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, **options), host=args.host, port=args.port)
    port = server.sockets[0].getsockname()[1]

    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    if args.watch_stdin:
        def watch():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            except Exception:
                pass
            loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=watch, name="stdin", daemon=True).start()

    print(f"LISTENING {port}", flush=True)
    await stop.wait()
    server.close()
    try:
        await asyncio.wait_for(server.wait_closed(), timeout=2)
    except asyncio.TimeoutError:
        pass


def main():
    args = parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="smtp-sink %(levelname)s %(name)s: %(message)s")
    # aiosmtpd warns that AUTH without TLS is unsafe; here it is on loopback for tests.
    warnings.filterwarnings("ignore", message="Requiring AUTH while not requiring TLS")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    asyncio.run(serve(args))


if __name__ == "__main__":
    main()
