"""Start the wizard in a new process and print, as JSON, how long until its first screen was drawn.

    python bench/wizard_first_screen.py REPORT.json LAUNCH_TIME [en|ar]

LAUNCH_TIME is ``time.time()`` taken by the caller just before starting this process,
so interpreter start-up and imports are counted.
"""
import json
import resource
import sys
import time


def main() -> None:
    path, launched = sys.argv[1], float(sys.argv[2])
    lang = sys.argv[3] if len(sys.argv) > 3 else "en"
    from poa_reporter.wizard.app import MainScreen, WizardApp

    app = WizardApp(path, lang)
    shown = {}

    async def first_screen(pilot):
        while not isinstance(app.screen, MainScreen) or not app.screen.query("QuestionBox"):
            await pilot.pause(0.001)
        await pilot.pause()  # one refresh: the screen is on the terminal
        shown["first_screen_s"] = time.time() - launched
        app.exit()

    app.run(headless=True, size=(80, 24), auto_pilot=first_screen)
    shown["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(shown))


if __name__ == "__main__":
    main()
