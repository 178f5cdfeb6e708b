"""Public pages of the timeline (placeholder until the domain models land)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def timeline(request):
    return render(request, "phases/timeline.html")


@require_safe
def organisations(request):
    return render(request, "phases/timeline.html")


@require_safe
def changes(request):
    return render(request, "phases/timeline.html")
