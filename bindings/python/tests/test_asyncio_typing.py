"""mypy reads the coroutines of AsyncClient from the package's stubs."""
import subprocess
import sys
import textwrap


def test_stubs_type_await(tmp_path):
    good = tmp_path / "good.py"
    good.write_text(textwrap.dedent('''
        import mercadopago_native as mp

        async def main() -> None:
            async with mp.AsyncClient("TEST-x") as client:
                payment: mp.Result = await client.payments.get("1")
                await client.payments.create({"transaction_amount": 1, "payment_method_id": "visa",
                                              "payer": {"email": "a@b.c"}}, idempotency_key="k")
                async for item in client.payments.search(external_reference="r"):
                    print(item)
                n: int = await client.warm(2)
                print(payment["id"], n)
    '''))
    bad = tmp_path / "bad.py"
    bad.write_text(textwrap.dedent('''
        import mercadopago_native as mp

        async def main() -> None:
            client = mp.AsyncClient("TEST-x")
            print(client.payments.get("1")["id"])  # not awaited
    '''))
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
            "--cache-dir", str(tmp_path / "cache")]
    out = subprocess.run(mypy + [str(good)], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    out = subprocess.run(mypy + [str(bad)], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 1 and "Coroutine" in out.stdout, out.stdout + out.stderr
