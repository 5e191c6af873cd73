#!/usr/bin/env python3
"""Slow clients ("slowloris") for scripts/slow_clients.sh.

Keeps N connections open to a server, each sending a request line and then one header byte
every 100-500 ms, never finishing the request. When the server hangs up on one (its read
timeout), it connects again at once, so N stay open for the whole run. Every fifth connection
sends whole headers instead and trickles its body.

Usage: slow_clients.py HOST PORT [--connections N] [--duration SECONDS]
Prints one line at the end: SLOW connections=N mean_open=... opened=... hung_up=... answered=...
"""
import argparse
import heapq
import random
import selectors
import socket
import time


def request_bytes(index):
    if index % 5 == 0:
        head = (b"POST /api/v1/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n")
        return head, b'{"branch":"' + b"G" * 59000
    return b"GET /healthz HTTP/1.1\r\n", b"X-Slow: " + b"a" * 99000


class Slow:
    def __init__(self, host, port, index, stats):
        self.index = index
        self.stats = stats
        self.sock = socket.create_connection((host, port))
        self.sock.setblocking(False)
        head, self.rest = request_bytes(index)
        self.send(head)
        self.opened = time.monotonic()
        stats["opened"] += 1

    def send(self, data):
        """False once the server has hung up."""
        try:
            self.sock.send(data)
            return True
        except (BlockingIOError, InterruptedError):
            return True
        except OSError:
            return False

    def hung_up(self):
        """Called when the socket is readable: an answer, a close or a reset."""
        try:
            data = self.sock.recv(4096)
        except (BlockingIOError, InterruptedError):
            return False
        except OSError:
            return True
        if data:
            self.stats["answered"] += 1
            return False
        return True

    def trickle(self):
        if not self.rest:
            return True
        ok = self.send(self.rest[:1])
        self.rest = self.rest[1:]
        return ok

    def close(self):
        self.stats["open_seconds"] += time.monotonic() - self.opened
        self.sock.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("--connections", type=int, default=500)
    parser.add_argument("--duration", type=float, default=30)
    args = parser.parse_args()
    random.seed(7)
    stats = {"opened": 0, "hung_up": 0, "answered": 0, "open_seconds": 0.0, "samples": 0,
             "open_sum": 0, "connect_failed": 0}
    sel = selectors.DefaultSelector()
    conns = {}      # slot -> Slow
    schedule = []   # (when, slot, generation): the next byte of each connection
    generation = {}

    def connect(slot, now):
        try:
            c = Slow(args.host, args.port, slot, stats)
        except OSError:
            stats["connect_failed"] += 1
            heapq.heappush(schedule, (now + 0.1, slot, -1))  # try again soon
            return
        conns[slot] = c
        generation[slot] = generation.get(slot, 0) + 1
        sel.register(c.sock, selectors.EVENT_READ, slot)
        heapq.heappush(schedule, (now + random.uniform(0.1, 0.5), slot, generation[slot]))

    def drop(slot, now):
        c = conns.pop(slot)
        sel.unregister(c.sock)
        c.close()
        stats["hung_up"] += 1
        connect(slot, now)  # at once: the attacker keeps its connections

    start = time.monotonic()
    for slot in range(args.connections):
        connect(slot, start)
    end = start + args.duration
    next_sample = start
    while True:
        now = time.monotonic()
        if now >= end:
            break
        timeout = max(0.0, min(end, schedule[0][0] if schedule else end) - now)
        for key, _ in sel.select(timeout):
            slot = key.data
            if slot in conns and conns[slot].hung_up():
                drop(slot, time.monotonic())
        now = time.monotonic()
        while schedule and schedule[0][0] <= now:
            _, slot, gen = heapq.heappop(schedule)
            if gen == -1:
                if slot not in conns:
                    connect(slot, now)
                continue
            if slot not in conns or generation[slot] != gen:
                continue  # a connection that has been replaced
            if conns[slot].trickle():
                heapq.heappush(schedule, (now + random.uniform(0.1, 0.5), slot, gen))
            else:
                drop(slot, now)
        if now >= next_sample:
            stats["samples"] += 1
            stats["open_sum"] += len(conns)
            next_sample = now + 0.1
    for c in conns.values():
        c.close()
    print("SLOW connections=%d mean_open=%.0f opened=%d hung_up=%d answered=%d "
          "connect_failed=%d mean_lifetime_s=%.1f" % (
              args.connections, stats["open_sum"] / max(1, stats["samples"]), stats["opened"],
              stats["hung_up"], stats["answered"], stats["connect_failed"],
              stats["open_seconds"] / max(1, stats["opened"])), flush=True)


if __name__ == "__main__":
    main()
