#!/usr/bin/python3
"""tests/recipes-tool.py: what tests/e2e/recipes.sh needs of Python.

  github FILE STEP_ID   check contrib/github's workflow is one for pull
                        requests with the steps and permissions its
                        README paragraph promises; print the "run:" text
                        of the step STEP_ID
  gitlab FILE JOB       check the GitLab job runs on merge requests and
                        keeps coccidrive.json; print its script lines,
                        one a line, as the runner runs them
  github-shards FILE    check contrib/github's shard workflow: a matrix
                        job over "shard" 1..N whose convert step runs
                        --shard ${{ matrix.shard }}/N and keeps its
                        report, and a merge job that needs it, fetches
                        the reports and merges them; print the command
                        lines to run, one a line: the convert step's for
                        each value of the matrix, then the merge step's
  b4 CMD PATCH          run the check command CMD (a b4 configuration
                        value) as b4's LoreMessage.run_local_check runs
                        it: split by shlex (posix, whitespace_split), no
                        shell, PATCH's bytes on stdin, in the top of the
                        git tree; print b4's verdict, a line per report
                        entry ("success|warning|fail TEXT"), then
                        "exit N"

Each check that fails prints why on stderr and exits 1.
"""
import os
import shlex
import subprocess
import sys

import yaml


def fail(msg):
    print("recipes-tool: " + msg, file=sys.stderr)
    sys.exit(1)


def need(cond, msg):
    if not cond:
        fail(msg)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def github(path, step_id):
    wf = load(path)
    # YAML 1.1 (PyYAML) reads the key "on" as the boolean true.
    on = wf.get("on", wf.get(True))
    need(isinstance(on, dict) and "pull_request" in on,
         "the workflow does not run on pull_request: %r" % (on,))
    jobs = wf.get("jobs") or {}
    need(len(jobs) == 1, "one job wanted, not %d" % len(jobs))
    job = next(iter(jobs.values()))
    perms = job.get("permissions") or {}
    need(perms.get("security-events") == "write",
         "the job lacks permissions: security-events: write")
    steps = job.get("steps") or []
    uses = [s.get("uses", "") for s in steps]
    checkouts = [s for s in steps if s.get("uses", "").startswith("actions/checkout@")]
    need(len(checkouts) == 2, "two actions/checkout steps wanted (the tree, coccidrive)")
    need((checkouts[0].get("with") or {}).get("fetch-depth") == 0,
         "the tree's checkout lacks fetch-depth: 0")
    need("repository" in (checkouts[1].get("with") or {}),
         "coccidrive's checkout lacks a repository: input")
    runs = "\n".join(s.get("run", "") for s in steps)
    for pkg in ("coccinelle", "libgit2-dev", "libjansson-dev", "build-essential"):
        need(pkg in runs, "no step installs " + pkg)
    need("make -C .coccidrive install" in runs, "no step installs coccidrive")
    by_id = {s.get("id"): s for s in steps if s.get("id")}
    need("check" in by_id and "sarif" in by_id, "steps with id check and sarif wanted")
    need("--format=github" in by_id["check"]["run"], "the check step is not --format=github")
    need("if" not in by_id["check"], "the check step must run unconditionally")
    need("--format=sarif" in by_id["sarif"]["run"], "the sarif step is not --format=sarif")
    need("always()" in str(by_id["sarif"].get("if", "")), "the sarif step lacks if: always()")
    up = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    need(len(up) == 1, "one upload-sarif step wanted: %r" % uses)
    need("always()" in str(up[0].get("if", "")), "upload-sarif lacks if: always()")
    need((up[0].get("with") or {}).get("sarif_file") == "coccidrive.sarif",
         "upload-sarif does not upload coccidrive.sarif")
    need(steps.index(by_id["check"]) < steps.index(by_id["sarif"]) < steps.index(up[0]),
         "the steps are out of order")
    sys.stdout.write(by_id[step_id]["run"].rstrip("\n") + "\n")


def github_shards(path):
    wf = load(path)
    jobs = wf.get("jobs") or {}
    need(set(jobs) == {"shard", "merge"}, "jobs shard and merge wanted: %r" % list(jobs))
    shard, merge = jobs["shard"], jobs["merge"]
    values = (((shard.get("strategy") or {}).get("matrix") or {}).get("shard"))
    need(isinstance(values, list) and values == list(range(1, len(values) + 1)),
         "the matrix's shard is not 1..N: %r" % (values,))
    n = len(values)
    steps = {s.get("id"): s for s in shard.get("steps") or [] if s.get("id")}
    need("convert" in steps, "no step with id convert in the shard job")
    run = steps["convert"]["run"].strip()
    need("\n" not in run, "the convert step is not one line")
    need("--shard ${{ matrix.shard }}/%d " % n in run,
         "the convert step does not run --shard ${{ matrix.shard }}/%d" % n)
    need('--report "$RUNNER_TEMP/shard-${{ matrix.shard }}.json"' in run,
         "the convert step does not write $RUNNER_TEMP/shard-${{ matrix.shard }}.json")
    ups = [s for s in shard.get("steps") or []
           if s.get("uses", "").startswith("actions/upload-artifact@")]
    need(len(ups) == 1 and (ups[0].get("with") or {}).get("path") ==
         "${{ runner.temp }}/shard-${{ matrix.shard }}.json",
         "the shard job does not keep its report")
    need(merge.get("needs") in ("shard", ["shard"]), "the merge job does not need shard")
    msteps = merge.get("steps") or []
    downs = [s for s in msteps if s.get("uses", "").startswith("actions/download-artifact@")]
    need(len(downs) == 1 and (downs[0].get("with") or {}).get("merge-multiple") is True
         and (downs[0].get("with") or {}).get("pattern") == "shard-*",
         "the merge job does not fetch every shard-* report into one directory")
    mids = {s.get("id"): s for s in msteps if s.get("id")}
    need("merge" in mids, "no step with id merge in the merge job")
    mrun = mids["merge"]["run"].strip()
    need(mrun.startswith("coccidrive merge ") and "shard-*.json" in mrun,
         "the merge step does not merge shard-*.json")
    for v in values:
        print(run.replace("${{ matrix.shard }}", str(v)))
    print(mrun)


def gitlab(path, job_name):
    ci = load(path)
    job = ci.get(job_name)
    need(isinstance(job, dict), "no job " + job_name)
    need(job.get("image") == "debian:12", "the image is not debian:12")
    rules = job.get("rules") or []
    need(any('$CI_PIPELINE_SOURCE == "merge_request_event"' == r.get("if") for r in rules),
         "no rule on merge_request_event: %r" % rules)
    need(str((job.get("variables") or {}).get("GIT_DEPTH")) == "0",
         "GIT_DEPTH is not 0 (full history)")
    before = "\n".join(job.get("before_script") or [])
    for pkg in ("coccinelle", "libgit2-dev", "libjansson-dev", "build-essential"):
        need(pkg in before, "before_script does not install " + pkg)
    need("install" in before and "make -C" in before, "before_script does not install coccidrive")
    art = job.get("artifacts") or {}
    need("coccidrive.json" in (art.get("paths") or []), "coccidrive.json is not an artifact")
    need(art.get("when") == "always", "the artifact is not kept when the job fails")
    script = job.get("script") or []
    need(all(isinstance(l, str) for l in script), "a script entry is not one line")
    need(any("CI_MERGE_REQUEST_DIFF_BASE_SHA..HEAD" in l for l in script),
         "the script does not check CI_MERGE_REQUEST_DIFF_BASE_SHA..HEAD")
    for line in script:
        print(line)


def b4(cmdstr, patch):
    # b4's own words (src/b4/__init__.py, run_local_check).
    sp = shlex.shlex(cmdstr, posix=True)
    sp.whitespace_split = True
    cmdargs = list(sp)
    top = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True,
                         check=True).stdout.decode().strip()
    with open(patch, "rb") as f:
        bdata = f.read()
    p = subprocess.Popen(cmdargs, stdout=subprocess.PIPE, stdin=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=top)
    out, err = p.communicate(input=bdata)
    mycmd = os.path.basename(cmdargs[0])
    report = []
    out = out.strip()
    out_lines = out.decode(errors="replace").split("\n") if out else []
    for line in out_lines:
        flag = "fail" if "ERROR:" in line else "warning"
        if line.startswith("-:"):
            line = line[2:]
        report.append((flag, "%s: %s" % (mycmd, line)))
    err = err.strip()
    err_lines = err.decode(errors="replace").split("\n") if err else []
    for line in err_lines:
        if line.startswith("-:"):
            line = line[2:]
        report.append(("fail", "%s: %s" % (mycmd, line)))
    if not out_lines and not err_lines:
        if p.returncode:
            report.append(("fail", "%s: Exited with error code %d" % (mycmd, p.returncode)))
        else:
            report.append(("success", "%s: passed all checks" % mycmd))
    for flag, text in report:
        print(flag, text)
    print("exit", p.returncode)


def main(argv):
    if len(argv) == 4 and argv[1] == "github":
        github(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == "github-shards":
        github_shards(argv[2])
    elif len(argv) == 4 and argv[1] == "gitlab":
        gitlab(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "b4":
        b4(argv[2], argv[3])
    else:
        fail("usage: github FILE STEP_ID | github-shards FILE | gitlab FILE JOB | "
             "b4 CMD PATCH")


if __name__ == "__main__":
    main(sys.argv)
