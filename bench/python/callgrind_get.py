"""Instructions per payments.get (callgrind), deterministic where CPU time is noisy:

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        build/pyenv/bin/python bench/python/callgrind_get.py URL MODE N

MODE: full (client.payments.get), native (the extension + json.loads), pycurl (one
handle reused + json.loads), none (nothing: the interpreter and set-up). Run each mode with
N=0 and N=2000; (total(N) - total(0)) / N is the instructions of one call.
"""
import sys, json
sys.path.insert(0, "/work/main/bench/python")
import bench_python as bp
import mercadopago_native as mp
url = sys.argv[1]; mode = sys.argv[2]
pid = bp.create_payment(url, None)
if mode == "native":
    client = mp.Client(bp.TOKEN, base_url=url)
    call, path = client._native.call, [("id", str(pid))]
    one = lambda: json.loads(call("payments.get", path, [], None).body())
elif mode == "full":
    client = mp.Client(bp.TOKEN, base_url=url)
    get = client.payments.get
    one = lambda: get(pid)
elif mode == "none":
    one = lambda: None
else:
    one, _ = bp.make_pycurl(url, None, pid)
for _ in range(200): one()
for _ in range(int(sys.argv[3]) if len(sys.argv) > 3 else 2000): one()
