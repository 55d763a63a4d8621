#!/usr/bin/env python3
"""A year of a large municipality against the real vc-subsidies binary.

Loads 100 schemes and 5,000 applications with their transitions (submit, review, grant, an
advance, accountability, settlement, payment) over HTTP, then queries: scheme reads with the
remaining ceiling, application pages, step lists, deadlines and decisions. Prints one line per
phase with requests, wall time, throughput and latency percentiles.

  python3 services/subsidies/tests/bench/bench.py --binary build/services/subsidies/vc-subsidies

Only the standard library: tokens are HS256 JWTs signed here with a test secret.
"""
import argparse, base64, hashlib, hmac, http.client, json, os, random, subprocess, sys
import tempfile, threading, time

SECRET = "b" * 48
CLIENT = "bench"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(gemeente, scopes):
    head = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    body = b64(json.dumps({"client_id": CLIENT, "iat": int(time.time()), "gemeente": gemeente,
                           "scopes": scopes, "user_id": "bench"}).encode())
    sig = hmac.new(SECRET.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{b64(sig)}"


class Api:
    def __init__(self, port, tok):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.headers = {"Authorization": "Bearer " + tok, "Content-Type": "application/json"}

    def call(self, method, path, body=None):
        started = time.perf_counter()
        self.conn.request(method, "/subsidies/api/v1" + path,
                          body=None if body is None else json.dumps(body), headers=self.headers)
        reply = self.conn.getresponse()
        data = reply.read()
        return reply.status, data, time.perf_counter() - started


def run_phase(name, jobs, port, tok, threads):
    """jobs: list of callables(api) -> list of (status, seconds). Runs them on threads."""
    latencies, statuses, lock = [], {}, threading.Lock()
    queue = list(jobs)

    def worker():
        api = Api(port, tok)
        while True:
            with lock:
                if not queue:
                    return
                job = queue.pop()
            for status, seconds in job(api):
                with lock:
                    latencies.append(seconds)
                    statuses[status] = statuses.get(status, 0) + 1

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
    print(f"{name:<28} {len(latencies):>6} requests {wall:7.2f} s {len(latencies) / wall:8.0f}/s "
          f"p50 {pct(0.5):6.2f} ms p99 {pct(0.99):6.2f} ms statuses {dict(sorted(statuses.items()))}")
    return statuses


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--schemes", type=int, default=100)
    parser.add_argument("--applications", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--synchronous", default="FULL", choices=["FULL", "NORMAL"])
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="vc-subsidies-bench-")
    port_file = os.path.join(workdir, "port")
    env = dict(os.environ, VC_DATA_DIR=workdir, VC_PORT="0", VC_PORT_FILE=port_file,
               VC_APPLICATIONS=f"{CLIENT}:{SECRET}", VC_THREADS="4", VC_LOG_LEVEL="warn",
               VC_SYNCHRONOUS=args.synchronous, VC_TOKEN_MAX_AGE_SECONDS="86400")
    proc = subprocess.Popen([args.binary], env=env, stderr=subprocess.DEVNULL)
    try:
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = int(open(port_file).read().strip())
        tok = token("0363", ["subsidies.lezen", "subsidies.schrijven", "subsidies.beheer"])
        bench(port, tok, args)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        db = os.path.join(workdir, "subsidies.db")
        if os.path.exists(db):
            print(f"database size {os.path.getsize(db) / 1e6:.1f} MB ({args.synchronous})")


def bench(port, tok, args):
    random.seed(7)
    schemes = []

    def make_scheme(n):
        def job(api):
            body = {"naam": f"Regeling {n}", "soort": random.choice(
                        ["budgetsubsidie", "waarderingssubsidie", "projectsubsidie",
                         "instandhoudingssubsidie"]),
                    "periodeBegin": "2026-01-01", "periodeEind": "2026-12-31",
                    "plafond": 150_000_00, "maxPerAanvraag": 15_000_00,
                    "verantwoordingUiterlijk": "2027-03-01"}
            status, data, s = api.call("POST", "/regelingen", body)
            schemes.append(json.loads(data)["id"])
            return [(status, s)]
        return job

    run_phase("load schemes", [make_scheme(n) for n in range(args.schemes)], port, tok,
              args.threads)

    apps = []

    def life(n):
        def job(api):
            out = []
            scheme = schemes[n % len(schemes)]
            cents = random.randint(500_00, 20_000_00)
            status, data, s = api.call("POST", "/aanvragen", {
                "regeling": scheme, "organisatie": "4f6c2b8e-8d1a-4e0b-9a57-3c1d2e5f7a90",
                "aangevraagdBedrag": cents, "omschrijving": f"Activiteit {n}"})
            out.append((status, s))
            app = json.loads(data)["id"]
            apps.append(app)
            steps = [{"actie": "indienen"}, {"actie": "in_behandeling_nemen"},
                     {"actie": "verlenen", "bedrag": cents}]
            for step in steps:
                status, data, s = api.call("POST", f"/aanvragen/{app}/stappen", step)
                out.append((status, s))
                if status != 201:
                    return out
            granted = json.loads(data)["bedrag"]
            rest = [{"actie": "voorschot_betalen", "bedrag": granted * 8 // 10},
                    {"actie": "verantwoorden"}, {"actie": "vaststellen", "bedrag": granted},
                    {"actie": "uitbetalen", "bedrag": granted - granted * 8 // 10}]
            for step in rest[: random.choice([0, 1, 2, 4])]:
                status, data, s = api.call("POST", f"/aanvragen/{app}/stappen", step)
                out.append((status, s))
            return out
        return job

    run_phase("load applications + steps", [life(n) for n in range(args.applications)], port,
              tok, args.threads)

    def reads(kind):
        def job(api):
            if kind == "scheme":
                status, _, s = api.call("GET", f"/regelingen/{random.choice(schemes)}")
            elif kind == "page":
                status, _, s = api.call(
                    "GET", f"/aanvragen?regeling={random.choice(schemes)}&pageSize=50")
            elif kind == "steps":
                status, _, s = api.call("GET", f"/aanvragen/{random.choice(apps)}/stappen")
            elif kind == "decision":
                status, _, s = api.call(
                    "GET", f"/aanvragen/{random.choice(apps)}/beschikkingen/verlening/tekst")
            else:
                status, _, s = api.call("GET", "/termijnen?peildatum=2027-06-01&achterstallig=true")
            return [(status, s)]
        return job

    for kind, count in [("scheme", 2000), ("page", 1000), ("steps", 2000), ("decision", 1000),
                        ("deadlines", 50)]:
        run_phase(f"query {kind}", [reads(kind) for _ in range(count)], port, tok, args.threads)


if __name__ == "__main__":
    sys.exit(main())
