"""`make handouts`: every lesson on paper (a student's worksheet, a teacher's key, a one-page plan) and the guide as
one document, printed to PDF by Chromium in US Letter and A4, built from the notebooks, the widgets and the guide."""
